import Foundation
import TuskStorage

/// Wraps a store and counts the writes that reach it, to check how many objects an operation
/// stores.
actor CountingObjectStore: ObjectStore {
    let inner: MemoryObjectStore
    private(set) var puts: [ObjectKey] = []
    private(set) var gets = 0

    init(_ inner: MemoryObjectStore = MemoryObjectStore()) {
        self.inner = inner
    }

    func put(_ key: ObjectKey, _ data: Data) async throws {
        puts.append(key)
        try await inner.put(key, data)
    }

    func get(_ key: ObjectKey) async throws -> Data {
        gets += 1
        return try await inner.get(key)
    }

    func exists(_ key: ObjectKey) async throws -> Bool { await inner.exists(key) }
    func delete(_ key: ObjectKey) async throws { await inner.delete(key) }
    func list(prefix: String) async throws -> [ObjectKey] { await inner.list(prefix: prefix) }
    func sync() async throws {}

    func resetCounts() {
        puts = []
        gets = 0
    }
}
