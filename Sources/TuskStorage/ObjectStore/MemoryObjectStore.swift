import Foundation
import TuskCore

/// An `ObjectStore` held in memory, for tests and throwaway daemons.
///
/// It is the reference implementation of the store semantics: it keeps the first bytes put
/// under a key, as the local store does, and `sync()` has nothing to flush.
public actor MemoryObjectStore: ObjectStore {
    private var objects: [String: Data] = [:]

    public init() {}

    public func put(_ key: ObjectKey, _ data: Data) {
        guard objects[key.path] == nil else { return }
        // Copy, so that a slice of a large caller buffer does not keep the whole buffer alive.
        objects[key.path] = Data(data)
    }

    public func get(_ key: ObjectKey) throws -> Data {
        guard let data = objects[key.path] else { throw TuskError.missingObject(key) }
        return data
    }

    public func exists(_ key: ObjectKey) -> Bool {
        objects[key.path] != nil
    }

    public func delete(_ key: ObjectKey) {
        objects[key.path] = nil
    }

    public func list(prefix: String) -> [ObjectKey] {
        objects.keys
            .filter { $0.hasPrefix(prefix) }
            .map { ObjectKey(trustedPath: $0) }
            .sorted()
    }

    public func sync() {}

    /// The number of objects held, for tests and diagnostics.
    public var count: Int { objects.count }

    /// Replaces the bytes under `key` unconditionally. Tests use it to simulate corruption;
    /// nothing in Tusk rewrites an object.
    public func overwrite(_ key: ObjectKey, _ data: Data) {
        objects[key.path] = Data(data)
    }
}
