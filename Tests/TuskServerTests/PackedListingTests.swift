import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import Testing
import TuskAPI
import TuskClient
import TuskCore
import TuskMetadata
import TuskPFS
import TuskStorage
import TuskTesting

/// The client's listings: packed (`tusk_v1.Listing`) from a server that has it, the plain
/// `pfs_v2` calls from one that answers UNIMPLEMENTED (pachd), with the same entries either way.
@Suite struct PackedListingTests {
    /// Serves every API service (without `tusk_v1.Listing` when asked) over real HTTP/2 on a free
    /// loopback port, and runs `body` with a connection to it.
    static func withServer<Result: Sendable>(
        withoutListing: Bool, _ body: @Sendable (TuskConnection) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory(prefix: "tusk-packed-listing")
        defer { directory.remove() }
        let database = try await SQLiteDatabase.open(path: directory.appending("meta.sqlite"))
        let fileSystem = try await FileSystem.open(database: database, objects: try LocalObjectStore(rootPath: directory.appending("objects")))
        let services = APIServices.all(fileSystem: fileSystem, logger: Logger(label: "tusk.test")).filter { service in
            !(withoutListing && service is ListingService)
        }
        let transport = HTTP2ServerTransport.Posix(address: .ipv4(host: "127.0.0.1", port: 0), transportSecurity: .plaintext)
        return try await withGRPCServer(transport: transport, services: services) { server in
            guard let address = try await server.listeningAddress?.ipv4 else { throw TuskError(.internal, "the test server has no address") }
            let connection = try TuskConnection(address: "127.0.0.1:\(address.port)")
            defer { Task { await connection.close() } }
            return try await body(connection)
        }
    }

    static func fill(_ connection: TuskConnection) async throws {
        try await connection.createRepo(try ReferenceParser.repo("images"), project: "default", description: "", update: false)
        for index in 0..<30 {
            try await connection.putFile(commit: try ReferenceParser.commit("images@master"), path: "/d\(index % 3)/f\(index).txt",
                                         from: FileChunksForTest(data: Data("file \(index)".utf8)), append: false, project: "default")
        }
    }

    static func listings(_ connection: TuskConnection) async throws -> (glob: [TuskClient.FileInfo], list: [TuskClient.FileInfo]) {
        let glob = try await connection.globFiles(commit: try ReferenceParser.commit("images@master"), pattern: "/**", project: "default")
        let list = try await connection.listFiles(try ReferenceParser.file("images@master:/d1"), project: "default")
        return (glob, list)
    }

    @Test func listingsAreTheSameFromServersWithAndWithoutPackedListings() async throws {
        let packed = try await Self.withServer(withoutListing: false) { connection in
            try await Self.fill(connection)
            return try await Self.listings(connection)
        }
        let plain = try await Self.withServer(withoutListing: true) { connection in
            try await Self.fill(connection)
            return try await Self.listings(connection)
        }
        #expect(packed.glob.count == 33 && packed.list.count == 10)
        // Commit ids and times differ between the two servers; paths, types, sizes and
        // content hashes do not.
        func shape(_ files: [TuskClient.FileInfo]) -> [String] { files.map { "\($0.file.path) \($0.fileType) \($0.sizeBytes) \($0.hash.base64EncodedString())" } }
        #expect(shape(packed.glob) == shape(plain.glob))
        #expect(shape(packed.list) == shape(plain.list))
        #expect(packed.glob.allSatisfy { $0.file.commit.id.count == 32 && $0.file.commit.repo.name == "images" && $0.hasCommitted })
    }

    @Test func aMissingRepoIsTheSameErrorEitherWay() async throws {
        for withoutListing in [false, true] {
            let message = try await Self.withServer(withoutListing: withoutListing) { connection -> String in
                do {
                    _ = try await connection.globFiles(commit: try ReferenceParser.commit("nothing@master"), pattern: "/*", project: "default")
                    return "no error"
                } catch let error as TuskError {
                    #expect(error.code == .notFound)
                    return error.message
                }
            }
            #expect(message.contains("nothing"))
        }
    }
}
