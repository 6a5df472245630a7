import Foundation
import TuskCore
import TuskMetadata
import TuskPFS
import TuskStorage
import TuskTesting

/// A file system over a real SQLite file and a local object store in a temporary directory.
struct PFSHarness {
    let directory: TemporaryDirectory
    let fileSystem: FileSystem

    static func make() async throws -> PFSHarness {
        let directory = try TemporaryDirectory(prefix: "tusk-pfs")
        return PFSHarness(directory: directory, fileSystem: try await open(directory))
    }

    static func open(_ directory: TemporaryDirectory) async throws -> FileSystem {
        let database = try await SQLiteDatabase.open(path: directory.appending("metadata.sqlite"))
        let objects = try LocalObjectStore(rootPath: directory.appending("objects"))
        return try await FileSystem.open(database: database, objects: objects)
    }

    /// Reopens the same data directory, as a restarted daemon would.
    func reopened() async throws -> FileSystem { try await Self.open(directory) }

    func repo(_ name: String, project: ProjectName = .default) async throws -> RepoID {
        let repo = try RepoID(project: project, name: name)
        try await fileSystem.createRepo(repo, description: "", update: false)
        return repo
    }

    /// Overwrites files on a branch the way `put file` does (delete, then add).
    @discardableResult
    func put(_ branch: BranchID, _ files: [String: String]) async throws -> CommitID {
        var operations: [FileOperation] = []
        for path in files.keys.sorted() {
            let filePath = try FilePath(validating: path, forWriting: true)
            operations.append(.delete(path: filePath))
            operations.append(.append(path: filePath, data: Data((files[path] ?? "").utf8)))
        }
        return try await fileSystem.modifyFiles(.branch(branch), FileOperationList(operations))
    }

    func read(_ selector: CommitSelector, _ path: String) async throws -> String {
        let (_, stream) = try await fileSystem.openFile(selector, pattern: path)
        var data = Data()
        for try await chunk in stream { data.append(chunk) }
        return String(decoding: data, as: UTF8.self)
    }

    func paths(_ infos: [FileInfo]) -> [String] { infos.map(\.displayPath) }
}

func branch(_ repo: RepoID, _ name: String = "master") -> BranchID { BranchID(trustedRepo: repo, name: name) }
