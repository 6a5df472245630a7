import Foundation
import SwiftProtobuf
import TuskCore
import TuskPFS
import TuskProto

/// Tusk values → Pachyderm wire messages, in the shapes the Python SDK and pachctl expect:
/// directories end with `/`, hashes are the raw 32 bytes, times are `google.protobuf.Timestamp`.
enum CoreToProto {
    static func timestamp(_ time: Timestamp) -> Google_Protobuf_Timestamp {
        let seconds = time.microseconds >= 0 ? time.microseconds / 1_000_000 : (time.microseconds - 999_999) / 1_000_000
        let remainder = time.microseconds - seconds * 1_000_000
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(remainder * 1_000))
    }

    static func project(_ name: ProjectName) -> PfsV2_Project {
        var message = PfsV2_Project()
        message.name = name.value
        return message
    }

    static func repo(_ repo: RepoID) -> PfsV2_Repo {
        var message = PfsV2_Repo()
        message.name = repo.name
        message.type = repo.type.rawValue
        message.project = project(repo.project)
        return message
    }

    static func branch(_ branch: BranchID) -> PfsV2_Branch {
        var message = PfsV2_Branch()
        message.repo = repo(branch.repo)
        message.name = branch.name
        return message
    }

    /// A commit as repo + id, with the branch when it is known.
    static func commit(_ key: CommitKey, branch branchName: String? = nil) -> PfsV2_Commit {
        var message = PfsV2_Commit()
        message.repo = repo(key.repo)
        message.id = key.id.value
        if let branchName, !branchName.isEmpty {
            message.branch = branch(BranchID(trustedRepo: key.repo, name: branchName))
        }
        return message
    }

    static func projectInfo(_ info: ProjectInfo) -> PfsV2_ProjectInfo {
        var message = PfsV2_ProjectInfo()
        message.project = project(info.name)
        message.description_p = info.description
        message.createdAt = timestamp(info.createdAt)
        return message
    }

    static func repoInfo(_ info: RepoInfo) -> PfsV2_RepoInfo {
        var message = PfsV2_RepoInfo()
        message.repo = repo(info.repo)
        message.created = timestamp(info.createdAt)
        message.sizeBytesUpperBound = info.sizeBytes
        message.description_p = info.description
        message.branches = info.branches.map { branch(BranchID(trustedRepo: info.repo, name: $0)) }
        var details = PfsV2_RepoInfo.Details()
        details.sizeBytes = info.sizeBytes
        message.details = details
        return message
    }

    static func branchInfo(_ info: BranchInfo) -> PfsV2_BranchInfo {
        var message = PfsV2_BranchInfo()
        message.branch = branch(info.branch)
        if let head = info.head {
            message.head = commit(CommitKey(repo: info.branch.repo, id: head))
        }
        message.provenance = info.provenance.map(branch)
        message.subvenance = info.subvenance.map(branch)
        message.directProvenance = info.directProvenance.map(branch)
        message.createdAt = timestamp(info.createdAt)
        message.updatedAt = timestamp(info.updatedAt)
        return message
    }

    static func originKind(_ origin: CommitOrigin) -> PfsV2_OriginKind {
        switch origin {
        case .user: return .user
        case .auto: return .auto
        case .fsck: return .fsck
        }
    }

    static func commitInfo(_ info: CommitInfo) -> PfsV2_CommitInfo {
        var message = PfsV2_CommitInfo()
        message.commit = commit(info.key, branch: info.branch)
        var origin = PfsV2_CommitOrigin()
        origin.kind = originKind(info.origin)
        message.origin = origin
        message.description_p = info.description
        if let parent = info.parent {
            message.parentCommit = commit(CommitKey(repo: info.repo, id: parent))
        }
        message.childCommits = info.children.map { commit(CommitKey(repo: info.repo, id: $0)) }
        message.started = timestamp(info.startedAt)
        if let finishing = info.finishingAt { message.finishing = timestamp(finishing) }
        if let finished = info.finishedAt { message.finished = timestamp(finished) }
        message.error = info.error
        message.sizeBytesUpperBound = info.sizeBytes
        var details = PfsV2_CommitInfo.Details()
        details.sizeBytes = info.sizeBytes
        message.details = details
        message.directProvenance = info.directProvenance.map { commit($0) }
        message.directSubvenance = info.directSubvenance.map { commit($0) }
        message.createdAt = timestamp(info.startedAt)
        message.updatedAt = timestamp(info.finishedAt ?? info.finishingAt ?? info.startedAt)
        return message
    }

    static func commitSetInfo(id: CommitID, commits: [CommitInfo]) -> PfsV2_CommitSetInfo {
        var message = PfsV2_CommitSetInfo()
        var commitSet = PfsV2_CommitSet()
        commitSet.id = id.value
        message.commitSet = commitSet
        message.commits = commits.map(commitInfo)
        return message
    }

    static func file(_ key: CommitKey, path: String) -> PfsV2_File {
        var message = PfsV2_File()
        message.commit = commit(key)
        message.path = path
        return message
    }

    static func fileInfo(_ info: FileInfo) -> PfsV2_FileInfo {
        var message = PfsV2_FileInfo()
        message.file = file(info.commit, path: info.displayPath)
        message.fileType = info.isDirectory ? .dir : .file
        if let committed = info.committed { message.committed = timestamp(committed) }
        message.sizeBytes = info.sizeBytes
        message.hash = Data(info.hash.bytes)
        return message
    }
}
