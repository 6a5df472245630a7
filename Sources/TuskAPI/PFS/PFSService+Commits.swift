import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// Commit RPCs: start, finish, inspect (with wait), list, clear, squash, drop, find.
extension PFSService {
    public func startCommit(request: PfsV2_StartCommitRequest, context: ServerContext) async throws -> PfsV2_Commit {
        try await execution.run(context) {
            guard request.hasBranch else {
                throw TuskError.invalid("StartCommit needs the branch to commit on; set branch", location: "branch")
            }
            let branch = try request.branch.branchID()
            let parent = request.hasParent && request.parent.namesCommit ? try request.parent.selector(fallbackRepo: branch.repo) : nil
            let info = try await fileSystem.startCommit(on: branch, parent: parent, description: request.description_p)
            return CoreToProto.commit(info.key, branch: info.branch)
        }
    }

    public func finishCommit(request: PfsV2_FinishCommitRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            let selector = try request.commit.selector()
            let description = request.description_p.isEmpty ? nil : request.description_p
            try await fileSystem.finishCommit(selector, description: description, error: request.error, force: request.force)
            return Google_Protobuf_Empty()
        }
    }

    public func inspectCommit(request: PfsV2_InspectCommitRequest, context: ServerContext) async throws -> PfsV2_CommitInfo {
        try await execution.run(context) {
            let info = try await fileSystem.inspectCommit(try request.commit.selector(), wait: request.wait.waitTarget)
            return CoreToProto.commitInfo(info)
        }
    }

    public func listCommit(request: PfsV2_ListCommitRequest, response: RPCWriter<PfsV2_CommitInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let repo = try request.repo.repoID()
            let from = request.hasFrom && request.from.namesCommit ? try request.from.selector(fallbackRepo: repo) : nil
            let to = request.hasTo && request.to.namesCommit ? try request.to.selector(fallbackRepo: repo) : nil
            if request.reverse && (from != nil || to != nil) {
                throw TuskError.invalid("ListCommit cannot combine reverse with from/to; drop one of them", location: repo.description)
            }
            let origin = request.all ? nil : request.originKind.origin
            let startedBefore = request.hasStartedTime ? Timestamp(microseconds: request.startedTime.seconds * 1_000_000 + Int64(request.startedTime.nanos / 1_000)) : nil
            let filtering = origin != nil || startedBefore != nil
            // With filters, the engine's count limit would count commits that are then dropped.
            let number = filtering ? 0 : Int(clamping: max(0, request.number))
            var sent: Int64 = 0
            for info in try await fileSystem.listCommits(repo, from: from, to: to, number: number, reverse: request.reverse) {
                if let origin, info.origin != origin { continue }
                if let startedBefore, info.startedAt > startedBefore { continue }
                try await response.write(CoreToProto.commitInfo(info))
                sent += 1
                if request.number > 0 && sent >= request.number { break }
            }
        }
    }

    public func clearCommit(request: PfsV2_ClearCommitRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.clearCommit(try request.commit.selector())
            return Google_Protobuf_Empty()
        }
    }

    public func squashCommit(request: PfsV2_SquashCommitRequest, context: ServerContext) async throws -> PfsV2_SquashCommitResponse {
        try await execution.run(context) {
            try await fileSystem.squashCommit(try request.commit.selector())
            return PfsV2_SquashCommitResponse()
        }
    }

    public func dropCommit(request: PfsV2_DropCommitRequest, context: ServerContext) async throws -> PfsV2_DropCommitResponse {
        try await execution.run(context) {
            try await fileSystem.dropCommit(try request.commit.selector())
            return PfsV2_DropCommitResponse()
        }
    }

    /// Walks back from `start` through parents and reports each commit in which `file_path`
    /// differs from the parent's version (added, changed or deleted), up to `limit` finds; the
    /// last message names the last commit searched.
    public func findCommits(request: PfsV2_FindCommitsRequest, response: RPCWriter<PfsV2_FindCommitsResponse>, context: ServerContext) async throws {
        try await execution.run(context) {
            let start = try request.start.selector()
            let path = try RequestPaths.readPath(request.filePath)
            var current: CommitInfo? = try await fileSystem.inspectCommit(start)
            var searched: UInt32 = 0
            var found: UInt32 = 0
            var last: CommitInfo?
            while let commit = current {
                try Task.checkCancellation()
                searched += 1
                last = commit
                let parent = try await commit.parent.asyncMapOptional { try await fileSystem.inspectCommit(.commit(CommitKey(repo: commit.repo, id: $0))) }
                let mine = try await fileHash(at: path, in: commit.key)
                let before = try await parent.asyncMapOptional { try await fileHash(at: path, in: $0.key) } ?? nil
                if mine != before {
                    var message = PfsV2_FindCommitsResponse()
                    message.foundCommit = CoreToProto.commit(commit.key)
                    message.commitsSearched = searched
                    try await response.write(message)
                    found += 1
                    if request.limit > 0 && found >= request.limit { break }
                }
                current = parent
            }
            if let last {
                var message = PfsV2_FindCommitsResponse()
                message.lastSearchedCommit = CoreToProto.commit(last.key)
                message.commitsSearched = searched
                try await response.write(message)
            }
        }
    }

    /// The hash of whatever is at `path` in a commit, or nil when nothing is there.
    private func fileHash(at path: FilePath, in key: CommitKey) async throws -> ContentHash? {
        do {
            return try await fileSystem.inspectFile(.commit(key), path: path).hash
        } catch let error as TuskError where error.code == .notFound {
            return nil
        }
    }
}

extension Optional where Wrapped: Sendable {
    /// `map` with an async transform.
    func asyncMapOptional<Result>(_ transform: (Wrapped) async throws -> Result) async rethrows -> Result? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
