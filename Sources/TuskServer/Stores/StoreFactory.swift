import AsyncHTTPClient
import Foundation
import Logging
import TuskCore
import TuskMetadata
import TuskMetadataPostgres
import TuskStorage

/// Opens the metadata database and the object store a location names: the one place where
/// drivers are picked (SQLite or PostgreSQL; a local directory or S3).
enum StoreFactory {
    /// The object store and, when it is a local directory, its root (datum inputs whose single
    /// chunk is a file there are hard-linked instead of copied).
    struct OpenedObjectStore: Sendable {
        var store: any ObjectStore
        var localRoot: String?
    }

    /// - Parameter createIfMissing: create a missing PostgreSQL database (with the byte-order
    ///   collation Tusk needs); the daemon does, workers expect the daemon to have done it.
    static func openDatabase(_ location: MetadataLocation, createIfMissing: Bool, logger: Logger) async throws -> any SQLDatabase {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                } catch {
                    throw TuskError(.failedPrecondition, "cannot create the directory \(directory) for the metadata database: \(error.localizedDescription)", location: path)
                }
            }
            return try await SQLiteDatabase.open(path: path)
        case .postgres(let url):
            return try await PostgresDatabase.open(
                url: url, createIfMissing: createIfMissing, maximumReaders: 8, logger: Logger(label: "tusk.metadata.postgres"))
        }
    }

    static func openObjectStore(
        _ location: ObjectStoreLocation, credentials: S3CredentialFlags, httpClient: HTTPClient, logger: Logger
    ) async throws -> OpenedObjectStore {
        switch location {
        case .local(let path):
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw TuskError(.failedPrecondition, "cannot create the object store directory \(path): \(error.localizedDescription)", location: path)
            }
            let store = try LocalObjectStore(rootPath: path)
            return OpenedObjectStore(store: store, localRoot: store.rootPath)
        case .s3:
            throw TuskError(.unimplemented, "this build has no S3 driver", location: location.description)
        }
    }
}
