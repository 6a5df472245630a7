import AsyncHTTPClient
import Foundation
import Logging
import TuskCore
import TuskMetadata
import TuskMetadataPostgres
import TuskStorage
import TuskStorageS3

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
    static func openDatabase(_ location: MetadataLocation, createIfMissing: Bool) async throws -> any SQLDatabase {
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

    /// - Parameter createIfMissing: create a missing S3 bucket (the daemon does; workers expect it).
    static func openObjectStore(
        _ location: ObjectStoreLocation, credentials: S3CredentialFlags, createIfMissing: Bool, httpClient: HTTPClient
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
        case .s3(let url):
            let store = try openS3(url, credentials: credentials, httpClient: httpClient)
            if createIfMissing { try await store.createBucketIfMissing() }
            return OpenedObjectStore(store: store, localRoot: nil)
        }
    }

    /// An S3 store for `url` (`s3://bucket/prefix?...`) with the flags' credentials, else the
    /// environment's or the shared credentials file's.
    static func openS3(_ url: String, credentials: S3CredentialFlags, httpClient: HTTPClient) throws -> S3ObjectStore {
        var explicit: S3Credentials?
        if let key = credentials.accessKeyID, let secret = credentials.secretAccessKey {
            explicit = S3Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: credentials.sessionToken)
        }
        return try S3ObjectStore.open(url: url, credentials: explicit, httpClient: httpClient, logger: Logger(label: "tusk.storage.s3"))
    }
}
