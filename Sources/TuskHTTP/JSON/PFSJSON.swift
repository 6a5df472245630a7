import TuskCore
import TuskPFS

/// How PFS values (projects, repos, branches, commits, files) appear in `/api/v1` bodies.
/// The field names and meanings are the ones `docs/openapi.yaml` documents.
enum PFSJSON {
    static func project(_ info: ProjectInfo) -> JSONValue {
        ["name": JSONValue(info.name.value), "description": JSONValue(info.description), "created": TimeText.json(info.createdAt)]
    }

    /// A repo; `pipeline` names the pipeline that writes it (null for a repo people write).
    static func repo(_ info: RepoInfo, pipeline: String?) -> JSONValue {
        [
            "name": JSONValue(info.repo.name),
            "project": JSONValue(info.repo.project.value),
            "description": JSONValue(info.description),
            "size_bytes": JSONValue(info.sizeBytes),
            "branches": .array(info.branches.map { JSONValue($0) }),
            "created": TimeText.json(info.createdAt),
            "pipeline": .optional(pipeline) { JSONValue($0) },
        ]
    }

    static func branch(_ info: BranchInfo) -> JSONValue {
        [
            "name": JSONValue(info.branch.name),
            "head": .optional(info.head) { JSONValue($0.value) },
            "direct_provenance": .array(info.directProvenance.map { branchReference($0) }),
            "subvenance": .array(info.subvenance.map { branchReference($0) }),
            "created": TimeText.json(info.createdAt),
            "updated": TimeText.json(info.updatedAt),
        ]
    }

    static func branchReference(_ branch: BranchID) -> JSONValue {
        ["project": JSONValue(branch.repo.project.value), "repo": JSONValue(branch.repo.name), "branch": JSONValue(branch.name)]
    }

    static func commitReference(_ key: CommitKey) -> JSONValue {
        ["project": JSONValue(key.repo.project.value), "repo": JSONValue(key.repo.name), "id": JSONValue(key.id.value)]
    }

    static func stateName(_ state: CommitState) -> String {
        switch state {
        case .started: return "started"
        case .ready: return "ready"
        case .finishing: return "finishing"
        case .finished: return "finished"
        }
    }

    static func originName(_ origin: CommitOrigin) -> String {
        switch origin {
        case .user: return "user"
        case .auto: return "auto"
        case .fsck: return "fsck"
        }
    }

    static func commit(_ info: CommitInfo) -> JSONValue {
        [
            "id": JSONValue(info.id.value),
            "repo": JSONValue(info.repo.name),
            "project": JSONValue(info.repo.project.value),
            "branch": .optional(info.branch) { JSONValue($0) },
            "parent": .optional(info.parent) { JSONValue($0.value) },
            "origin": JSONValue(originName(info.origin)),
            "description": JSONValue(info.description),
            "state": JSONValue(stateName(info.state)),
            "error": JSONValue(info.error),
            "size_bytes": JSONValue(info.sizeBytes),
            "file_count": JSONValue(info.fileCount),
            "started": TimeText.json(info.startedAt),
            "finished": TimeText.json(info.finishedAt),
            "direct_provenance": .array(info.directProvenance.map(commitReference)),
            "direct_subvenance": .array(info.directSubvenance.map(commitReference)),
        ]
    }

    static func file(_ info: FileInfo) -> JSONValue {
        [
            "path": JSONValue(info.path.string),
            "name": JSONValue(info.path.isRoot ? "/" : info.path.name),
            "type": JSONValue(info.isDirectory ? "dir" : "file"),
            "size_bytes": JSONValue(info.sizeBytes),
            "hash": JSONValue(info.hash.hex),
            "commit": JSONValue(info.commit.id.value),
            "committed": TimeText.json(info.committed),
        ]
    }
}
