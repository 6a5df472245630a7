import Foundation
import TuskCore

/// Chunks stored by their SHA-256 in an `ObjectStore`, deduplicated on write and verified on
/// read.
///
/// It is the only way file bytes enter or leave storage, so every read checks that the bytes
/// still hash to their address: a corrupted or missing chunk surfaces as `.dataLoss`, never as
/// silently wrong file content. Chunks live under `chunks/<2 hex>/<64 hex>`.
public struct ContentStore: Sendable {
    /// The object store holding the chunks.
    public let objects: any ObjectStore

    /// The key namespace of chunks.
    public static let namespace = "chunks"

    public init(objects: any ObjectStore) {
        self.objects = objects
    }

    /// The object key of the chunk with `hash`.
    public static func key(for hash: ContentHash) -> ObjectKey {
        ObjectKey.contentAddressed(namespace, hash)
    }

    /// Stores one chunk, unless a chunk with the same hash is already stored.
    ///
    /// With `descriptor`, `data` is the whole content of that open file, and the store may
    /// link the file in instead of writing the bytes to a new one (`ObjectStore.putLinking`);
    /// the caller vouches that nothing writes the file again.
    @discardableResult
    public func putChunk(_ data: Data, linking descriptor: Int32? = nil) async throws -> ChunkRef {
        let reference = ChunkRef(hash: ContentHash.sha256(of: data), size: Int64(data.count))
        let key = Self.key(for: reference.hash)
        if try await objects.exists(key) { return reference }
        if let descriptor, try await objects.putLinking(key, descriptor: descriptor) { return reference }
        try await objects.put(key, data)
        return reference
    }

    /// The bytes of a chunk, verified against its hash and size.
    public func chunk(_ reference: ChunkRef) async throws -> Data {
        let key = Self.key(for: reference.hash)
        let data: Data
        do {
            data = try await objects.get(key)
        } catch let error as TuskError where error.code == .notFound {
            throw TuskError(.dataLoss, "chunk object \(reference.hash.hex) (\(reference.size) bytes) is missing from the object store", location: key.path, cause: error)
        }
        let actual = ContentHash.sha256(of: data)
        if actual != reference.hash || Int64(data.count) != reference.size {
            throw TuskError(.dataLoss, "chunk object \(reference.hash.hex) is corrupt: expected \(reference.size) bytes with hash \(reference.hash.hex), found \(data.count) bytes with hash \(actual.hex)", location: key.path)
        }
        return data
    }

    /// The file holding the chunk with `hash` on this host, or nil when the object store does
    /// not keep objects as local files. Whoever reads it must verify the bytes (or, like a hard
    /// link of a datum input, check its size and leave the reading to code that verifies).
    public func localPath(of hash: ContentHash) -> String? {
        objects.localFilePath(Self.key(for: hash))
    }

    /// The files holding `chunks` on this host, in order, or nil when the object store does not
    /// keep objects as local files. The reader must verify what it reads against each hash.
    public func localPaths(of chunks: [ChunkRef]) -> [String]? {
        var paths: [String] = []
        paths.reserveCapacity(chunks.count)
        for chunk in chunks {
            guard let path = localPath(of: chunk.hash) else { return nil }
            paths.append(path)
        }
        return paths
    }

    /// Whether the chunk is stored (without reading or verifying it).
    public func contains(_ reference: ChunkRef) async throws -> Bool {
        try await objects.exists(Self.key(for: reference.hash))
    }

    /// Makes every chunk stored so far durable; see `ObjectStore.sync()`.
    public func sync() async throws {
        try await objects.sync()
    }
}
