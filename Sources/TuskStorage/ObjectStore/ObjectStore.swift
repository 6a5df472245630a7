import Foundation
import TuskCore

/// The seam between Tusk's storage layer and the bytes' home: memory, a local directory, or S3.
///
/// A store maps `ObjectKey`s to immutable byte strings. Tusk only writes content-addressed
/// keys (the key is derived from the bytes), so a repeated `put` of a key is harmless and a
/// store may keep the bytes it already has instead of replacing them. Every implementation runs
/// the shared conformance suite in `TuskTesting`.
public protocol ObjectStore: Sendable {
    /// Stores `data` under `key`. Idempotent: putting a key that exists succeeds, and the
    /// store may keep the existing bytes (for content-addressed keys they are the same).
    func put(_ key: ObjectKey, _ data: Data) async throws

    /// The bytes stored under `key`; throws `TuskError` with code `.notFound`, naming the key,
    /// when there is no such object.
    func get(_ key: ObjectKey) async throws -> Data

    /// Whether an object is stored under `key`.
    func exists(_ key: ObjectKey) async throws -> Bool

    /// Removes the object under `key`; removing a missing object is not an error.
    func delete(_ key: ObjectKey) async throws

    /// Every key whose path starts with `prefix` (a plain string prefix, not only whole
    /// components), in byte order of the paths.
    func list(prefix: String) async throws -> [ObjectKey]

    /// A durability barrier: when it returns, every object whose `put` returned before the call
    /// survives a crash. Callers invoke it before metadata starts referring to new objects.
    func sync() async throws

    /// The absolute path of the file holding the object under `key`, when this store keeps
    /// objects as plain files on this host, else nil (the default). Lets a reader on the same
    /// host read an object itself; the path may name no file yet (or no longer).
    func localFilePath(_ key: ObjectKey) -> String?

    /// Stores the finished file open at `descriptor` under `key` by linking it into the store
    /// instead of copying its bytes, when this store keeps objects as files on the same file
    /// system; returns false when it cannot (the default), and the caller stores the bytes with
    /// `put`. The caller vouches that the file's bytes are the object's and that nothing will
    /// write the file again (its only other name is about to be removed).
    func putLinking(_ key: ObjectKey, descriptor: Int32) async throws -> Bool
}

extension ObjectStore {
    public func localFilePath(_ key: ObjectKey) -> String? { nil }
    public func putLinking(_ key: ObjectKey, descriptor: Int32) async throws -> Bool { false }
}

extension TuskError {
    /// The error every store throws from `get` for a key it does not hold.
    public static func missingObject(_ key: ObjectKey) -> TuskError {
        TuskError(.notFound, "object \"\(key.path)\" does not exist in the object store", location: key.path)
    }
}
