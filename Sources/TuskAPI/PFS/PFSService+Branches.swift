import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// Branch RPCs: create (or move), inspect, list, delete.
extension PFSService {
    public func createBranch(request: PfsV2_CreateBranchRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            guard request.hasBranch else {
                throw TuskError.invalid("CreateBranch needs the branch to create; set branch", location: "branch")
            }
            let branch = try request.branch.branchID()
            if request.hasTrigger, !request.trigger.branch.isEmpty {
                throw TuskError(.unimplemented, "branch triggers are not supported by this Tusk server; create \(branch) without a trigger", location: branch.description)
            }
            let head = request.hasHead && request.head.namesCommit ? try request.head.selector(fallbackRepo: branch.repo) : nil
            // An empty list cannot be told apart from "not sent" on the wire, so it keeps the
            // branch's current provenance instead of clearing it.
            let provenance = request.provenance.isEmpty ? nil : try request.provenance.map { try $0.branchID() }
            try await fileSystem.createBranch(branch, head: head, provenance: provenance)
            return Google_Protobuf_Empty()
        }
    }

    public func inspectBranch(request: PfsV2_InspectBranchRequest, context: ServerContext) async throws -> PfsV2_BranchInfo {
        try await execution.run(context) {
            CoreToProto.branchInfo(try await fileSystem.inspectBranch(try request.branch.branchID()))
        }
    }

    public func listBranch(request: PfsV2_ListBranchRequest, response: RPCWriter<PfsV2_BranchInfo>, context: ServerContext) async throws {
        try await execution.run(context) {
            let repo = request.hasRepo && !request.repo.name.isEmpty ? try request.repo.repoID() : nil
            var branches = try await fileSystem.listBranches(repo)
            if request.reverse { branches.reverse() }
            for branch in branches {
                try await response.write(CoreToProto.branchInfo(branch))
            }
        }
    }

    public func deleteBranch(request: PfsV2_DeleteBranchRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await execution.run(context) {
            try await fileSystem.deleteBranch(try request.branch.branchID(), force: request.force)
            return Google_Protobuf_Empty()
        }
    }
}
