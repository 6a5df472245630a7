import Foundation
import GRPCCore
import GRPCInProcessTransport
import Logging
import SwiftProtobuf
import TuskAPI
import TuskCore
import TuskMetadata
import TuskPFS
import TuskProto
import TuskStorage
import TuskTesting

/// Clients of every Tusk service, connected through a real in-process gRPC server that runs
/// `APIServices.all` over a file system in a temporary directory.
struct APIHarness: Sendable {
    let fileSystem: FileSystem
    let pfs: PfsV2_API.Client<InProcessTransport.Client>
    let admin: AdminV2_API.Client<InProcessTransport.Client>
    let version: VersionpbV2_API.Client<InProcessTransport.Client>
    let auth: AuthV2_API.Client<InProcessTransport.Client>
    let health: Grpc_Health_V1_Health.Client<InProcessTransport.Client>
    let localRead: TuskV1_LocalRead.Client<InProcessTransport.Client>
    let listing: TuskV1_Listing.Client<InProcessTransport.Client>

    /// `inMemory` keeps objects in a `MemoryObjectStore` instead of a local directory.
    static func run<Result: Sendable>(inMemory: Bool = false, _ body: @Sendable (APIHarness) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory(prefix: "tusk-api")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("meta.sqlite"))
        let objects: any ObjectStore = inMemory ? MemoryObjectStore() : try LocalObjectStore(rootPath: directory.appending("objects"))
        let fileSystem = try await FileSystem.open(database: database, objects: objects)
        let transport = InProcessTransport()
        let services = APIServices.all(fileSystem: fileSystem, logger: Logger(label: "tusk.api.test"))
        return try await withGRPCServer(transport: transport.server, services: services) { _ in
            try await withGRPCClient(transport: transport.client) { client in
                let harness = APIHarness(
                    fileSystem: fileSystem, pfs: PfsV2_API.Client(wrapping: client), admin: AdminV2_API.Client(wrapping: client),
                    version: VersionpbV2_API.Client(wrapping: client), auth: AuthV2_API.Client(wrapping: client),
                    health: Grpc_Health_V1_Health.Client(wrapping: client), localRead: TuskV1_LocalRead.Client(wrapping: client),
                    listing: TuskV1_Listing.Client(wrapping: client))
                return try await body(harness)
            }
        }
    }

    /// Creates a user repo in the default project.
    func createRepo(_ name: String) async throws {
        var request = PfsV2_CreateRepoRequest()
        request.repo = Wire.repo(name)
        _ = try await pfs.createRepo(request)
    }

    /// Sends one ModifyFile stream: `set_commit` to `commit`, then `bodies` in order.
    func modify(_ commit: PfsV2_Commit, _ bodies: [PfsV2_ModifyFileRequest.OneOf_Body]) async throws {
        try await send([.setCommit(commit)] + bodies)
    }

    /// Sends one ModifyFile stream made of exactly these bodies.
    func send(_ bodies: [PfsV2_ModifyFileRequest.OneOf_Body?]) async throws {
        _ = try await pfs.modifyFile(requestProducer: { writer in
            for body in bodies {
                var request = PfsV2_ModifyFileRequest()
                request.body = body
                try await writer.write(request)
            }
        })
    }

    /// The whole content of a file, through GetFile.
    func read(_ commit: PfsV2_Commit, _ path: String) async throws -> String {
        let data = try await getFile(commit, path)
        return String(decoding: data, as: UTF8.self)
    }

    func getFile(_ commit: PfsV2_Commit, _ path: String, offset: Int64 = 0) async throws -> Data {
        try await pfs.getFile(Wire.getFile(commit, path, offset: offset)) { response in
            var data = Data()
            for try await message in response.messages { data.append(message.value) }
            return data
        }
    }

    func getFileTAR(_ commit: PfsV2_Commit, _ path: String) async throws -> Data {
        try await pfs.getFileTAR(Wire.getFile(commit, path)) { response in
            var data = Data()
            for try await message in response.messages { data.append(message.value) }
            return data
        }
    }

    func listFile(_ commit: PfsV2_Commit, _ path: String) async throws -> [PfsV2_FileInfo] {
        var request = PfsV2_ListFileRequest()
        request.file = Wire.file(commit, path)
        return try await pfs.listFile(request) { response in
            var infos: [PfsV2_FileInfo] = []
            for try await info in response.messages { infos.append(info) }
            return infos
        }
    }
}

/// Builders for wire messages shaped the way the Python SDK sends them.
enum Wire {
    static func repo(_ name: String, project: String = "default") -> PfsV2_Repo {
        var repo = PfsV2_Repo()
        repo.name = name
        repo.type = "user"
        repo.project.name = project
        return repo
    }

    /// `Commit.from_uri("repo@branch")`: both `branch{repo,name}` and `repo`, empty id.
    static func branchCommit(_ repoName: String, _ branchName: String = "master") -> PfsV2_Commit {
        var commit = PfsV2_Commit()
        commit.repo = repo(repoName)
        commit.branch.repo = repo(repoName)
        commit.branch.name = branchName
        return commit
    }

    /// `repo@<id or expression>`: the text goes into `id`, the branch name stays empty.
    static func idCommit(_ repoName: String, _ id: String) -> PfsV2_Commit {
        var commit = PfsV2_Commit()
        commit.repo = repo(repoName)
        commit.id = id
        return commit
    }

    static func file(_ commit: PfsV2_Commit, _ path: String) -> PfsV2_File {
        var file = PfsV2_File()
        file.commit = commit
        file.path = path
        return file
    }

    static func getFile(_ commit: PfsV2_Commit, _ path: String, offset: Int64 = 0) -> PfsV2_GetFileRequest {
        var request = PfsV2_GetFileRequest()
        request.file = file(commit, path)
        request.offset = offset
        return request
    }

    static func add(_ path: String, _ text: String) -> PfsV2_ModifyFileRequest.OneOf_Body {
        var add = PfsV2_AddFile()
        add.path = path
        var raw = Google_Protobuf_BytesValue()
        raw.value = Data(text.utf8)
        add.raw = raw
        return .addFile(add)
    }

    static func delete(_ path: String) -> PfsV2_ModifyFileRequest.OneOf_Body {
        var delete = PfsV2_DeleteFile()
        delete.path = path
        return .deleteFile(delete)
    }

    static func copy(from source: PfsV2_Commit, _ sourcePath: String, to destination: String, append: Bool = false) -> PfsV2_ModifyFileRequest.OneOf_Body {
        var copy = PfsV2_CopyFile()
        copy.src = file(source, sourcePath)
        copy.dst = destination
        copy.append = append
        return .copyFile(copy)
    }
}

/// The gRPC error a call ended with, or nil when it succeeded.
func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "not an RPCError: \(error)")
    }
}
