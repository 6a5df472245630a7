import SwiftProtobuf
import TuskCore
import TuskProto

/// Builds the wire messages for references users type, the way the Python SDK and pachctl
/// send them (reference §1.6): `repo@branch` sets `branch` and `repo`; an id or an ancestry
/// expression (`master^2`, `master.1`) travels in `id` for the server to resolve.
public enum ProtoReferences {
    public static func project(_ name: String) -> PfsV2_Project {
        var project = PfsV2_Project()
        project.name = name
        return project
    }

    public static func repo(_ reference: RepoReference, defaultProject: String) -> PfsV2_Repo {
        var repo = PfsV2_Repo()
        repo.name = reference.name
        repo.type = reference.type.rawValue
        repo.project = project(reference.project ?? defaultProject)
        return repo
    }

    public static func branch(_ reference: CommitReference, defaultProject: String) -> PfsV2_Branch {
        var branch = PfsV2_Branch()
        branch.repo = repo(reference.repo, defaultProject: defaultProject)
        branch.name = reference.branch ?? ""
        return branch
    }

    public static func commit(_ reference: CommitReference, defaultProject: String) -> PfsV2_Commit {
        var commit = PfsV2_Commit()
        commit.repo = repo(reference.repo, defaultProject: defaultProject)
        let suffix: String
        switch reference.ancestry {
        case .none: suffix = ""
        case .ancestor(let count): suffix = "^\(count)"
        case .fromOldest(let index): suffix = ".\(index)"
        }
        if reference.ancestry != .none {
            commit.id = (reference.id?.value ?? reference.branch ?? "") + suffix
        } else {
            if let name = reference.branch {
                var branch = PfsV2_Branch()
                branch.repo = commit.repo
                branch.name = name
                commit.branch = branch
            }
            commit.id = reference.id?.value ?? ""
        }
        return commit
    }

    public static func file(_ reference: FileReference, defaultProject: String) -> PfsV2_File {
        var file = PfsV2_File()
        file.commit = commit(reference.commit, defaultProject: defaultProject)
        file.path = reference.path.isEmpty ? "/" : (reference.path.hasPrefix("/") ? reference.path : "/" + reference.path)
        return file
    }

    /// `project/repo@id` as pachctl prints a commit.
    public static func describe(_ commit: PfsV2_Commit) -> String {
        "\(commit.repo.name)@\(commit.id)"
    }
}

extension SwiftProtobuf.Message {
    /// The protobuf JSON of the message on one line, as `--raw` prints it.
    public func jsonLine() -> String {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return (try? jsonString(options: options)) ?? "{}"
    }
}
