import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// Commit-set RPCs (every commit sharing one global id) and the never-ending `SubscribeCommit`.
extension PFSService {
    public func inspectCommitSet(request: PfsV2_InspectCommitSetRequest, response: RPCWriter<PfsV2_CommitInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let commits = try await fileSystem.commitSet(try request.commitSet.commitID(), wait: request.wait)
            if commits.isEmpty {
                throw TuskError.notFound("commit set \(request.commitSet.id) not found", location: request.commitSet.id)
            }
            for info in commits {
                try await response.write(CoreToProto.commitInfo(info))
            }
        }
    }

    public func listCommitSet(request: PfsV2_ListCommitSetRequest, response: RPCWriter<PfsV2_CommitSetInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let project = request.hasProject && !request.project.name.isEmpty ? try request.project.requiredProjectName() : nil
            for set in try await fileSystem.listCommitSets(project: project) {
                try await response.write(CoreToProto.commitSetInfo(id: set.id, commits: set.commits))
            }
        }
    }

    public func squashCommitSet(request: PfsV2_SquashCommitSetRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.squashCommitSet(try request.commitSet.commitID())
            return Google_Protobuf_Empty()
        }
    }

    public func dropCommitSet(request: PfsV2_DropCommitSetRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.dropCommitSet(try request.commitSet.commitID())
            return Google_Protobuf_Empty()
        }
    }

    /// Replays the repo's commits oldest first, then every new one as it appears, each once it
    /// has reached the requested state; filtered to `branch` when set; the `from` commit itself
    /// is not sent. Never ends on its own: it polls the engine until the RPC is cancelled.
    public func subscribeCommit(request: PfsV2_SubscribeCommitRequest, response: RPCWriter<PfsV2_CommitInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let repo = try request.repo.repoID()
            let branch = request.branch.isEmpty ? nil : request.branch
            let skipped = request.hasFrom && request.from.namesCommit
                ? try await fileSystem.inspectCommit(try request.from.selector(fallbackRepo: repo)).id
                : nil
            let state = request.state.waitTarget ?? .started
            let origin = request.all ? nil : request.originKind.origin
            var sent = Set<CommitID>()
            while true {
                for info in try await fileSystem.listCommits(repo, reverse: true) where !sent.contains(info.id) {
                    if info.id == skipped { continue }
                    if let branch, info.branch != branch { continue }
                    if let origin, info.origin != origin { continue }
                    guard info.state >= state else { continue }
                    sent.insert(info.id)
                    try await response.write(CoreToProto.commitInfo(info))
                }
                try await Task.sleep(for: subscriptionPollInterval)
            }
        }
    }
}
