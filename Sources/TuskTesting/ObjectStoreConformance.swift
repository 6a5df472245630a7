import Foundation
import TuskCore
import TuskStorage

/// The behaviour every `ObjectStore` must have, as a suite that each implementation's tests run
/// (memory, local directory, S3), so the stores cannot drift apart.
///
/// Each check gets a fresh, empty store from `makeStore` and throws a
/// `ObjectStoreConformance.Failure` naming the check and what differed.
public struct ObjectStoreConformance: Sendable {
    /// A failed conformance check.
    public struct Failure: Error, CustomStringConvertible {
        public let check: String
        public let message: String
        public var description: String { "object store conformance check \"\(check)\" failed: \(message)" }
    }

    /// The names of the checks, in the order `run` performs them.
    public static let checkNames = [
        "putThenGet", "emptyObject", "slicesAreStoredByValue", "exists", "missingKeyIsNotFound",
        "delete", "putIsIdempotent", "listIsSortedAndFiltered", "largeObject", "concurrentPuts", "sync",
    ]

    public init() {}

    /// Runs every check, each on a new store.
    public func run(makeStore: () async throws -> any ObjectStore) async throws {
        for name in Self.checkNames {
            try await run(name, on: try await makeStore())
        }
    }

    /// Runs the check called `name` on `store`, which must be empty.
    public func run(_ name: String, on store: any ObjectStore) async throws {
        switch name {
        case "putThenGet": try await putThenGet(store)
        case "emptyObject": try await emptyObject(store)
        case "slicesAreStoredByValue": try await slicesAreStoredByValue(store)
        case "exists": try await exists(store)
        case "missingKeyIsNotFound": try await missingKeyIsNotFound(store)
        case "delete": try await delete(store)
        case "putIsIdempotent": try await putIsIdempotent(store)
        case "listIsSortedAndFiltered": try await listIsSortedAndFiltered(store)
        case "largeObject": try await largeObject(store)
        case "concurrentPuts": try await concurrentPuts(store)
        case "sync": try await sync(store)
        default: throw Failure(check: name, message: "no such check")
        }
    }

    func putThenGet(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("chunks/ab/abcdef")
        let data = Data("hello, object store".utf8)
        try await store.put(key, data)
        try expect(try await store.get(key) == data, "putThenGet", "get returned other bytes than were put")
    }

    func emptyObject(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("empty/object")
        try await store.put(key, Data())
        try expect(try await store.get(key).isEmpty, "emptyObject", "an empty object did not read back empty")
        try expect(try await store.exists(key), "emptyObject", "an empty object does not exist after put")
    }

    func slicesAreStoredByValue(_ store: any ObjectStore) async throws {
        let whole = Data((0..<200).map { UInt8($0) })
        let slice = whole[50..<120]
        let key = try ObjectKey("slices/one")
        try await store.put(key, slice)
        let read = try await store.get(key)
        try expect(read.count == 70 && Array(read) == Array(slice), "slicesAreStoredByValue", "a Data slice did not read back as exactly its own bytes")
    }

    func exists(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("trees/00/0011")
        try expect(!(try await store.exists(key)), "exists", "an empty store reports a key as existing")
        try await store.put(key, Data([1, 2, 3]))
        try expect(try await store.exists(key), "exists", "a key does not exist after put")
        try expect(!(try await store.exists(try ObjectKey("trees/00"))), "exists", "a key prefix (a directory) reports as an object")
    }

    func missingKeyIsNotFound(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("chunks/ff/ffff-missing")
        do {
            _ = try await store.get(key)
            throw Failure(check: "missingKeyIsNotFound", message: "get of a missing key returned data")
        } catch let error as TuskError {
            try expect(error.code == .notFound, "missingKeyIsNotFound", "code was \(error.code), expected not_found")
            try expect(error.message.contains(key.path), "missingKeyIsNotFound", "the message \"\(error.message)\" does not name the key")
        }
    }

    func delete(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("chunks/aa/aa01")
        let other = try ObjectKey("chunks/aa/aa02")
        try await store.put(key, Data([9]))
        try await store.put(other, Data([8]))
        try await store.delete(key)
        try expect(!(try await store.exists(key)), "delete", "a deleted key still exists")
        try expect(try await store.get(other) == Data([8]), "delete", "deleting one key disturbed another")
        try await store.delete(key)
        try await store.delete(try ObjectKey("never/was/here"))
    }

    func putIsIdempotent(_ store: any ObjectStore) async throws {
        let key = try ObjectKey("chunks/12/1234")
        let data = Data(repeating: 7, count: 1000)
        try await store.put(key, data)
        try await store.put(key, data)
        try expect(try await store.get(key) == data, "putIsIdempotent", "a repeated put changed the object")
        try expect(try await store.list(prefix: "chunks/12/").map(\.path) == ["chunks/12/1234"], "putIsIdempotent", "a repeated put created a second object")
    }

    func listIsSortedAndFiltered(_ store: any ObjectStore) async throws {
        let paths = ["trees/ab/ab02", "chunks/ab/ab01", "chunks/0f/0f99", "chunks/ab/ab00", "chunks/abc/x", "chunksmith/z", "other"]
        for path in paths { try await store.put(try ObjectKey(path), Data(path.utf8)) }
        let all = try await store.list(prefix: "").map(\.path)
        try expect(all == paths.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }), "listIsSortedAndFiltered", "list(prefix: \"\") returned \(all)")
        let chunks = try await store.list(prefix: "chunks/").map(\.path)
        try expect(chunks == ["chunks/0f/0f99", "chunks/ab/ab00", "chunks/ab/ab01", "chunks/abc/x"], "listIsSortedAndFiltered", "list(prefix: \"chunks/\") returned \(chunks)")
        let partial = try await store.list(prefix: "chunks/ab").map(\.path)
        try expect(partial == ["chunks/ab/ab00", "chunks/ab/ab01", "chunks/abc/x"], "listIsSortedAndFiltered", "list(prefix: \"chunks/ab\") returned \(partial)")
        let bare = try await store.list(prefix: "chunks").map(\.path)
        try expect(bare.count == 5, "listIsSortedAndFiltered", "list(prefix: \"chunks\") returned \(bare)")
        try expect(try await store.list(prefix: "nothing/").isEmpty, "listIsSortedAndFiltered", "a prefix matching nothing returned keys")
    }

    func largeObject(_ store: any ObjectStore) async throws {
        var generator = SeededBytes(seed: 42)
        let data = generator.next(count: 9 * 1024 * 1024 + 17)
        let key = try ObjectKey("chunks/la/large")
        try await store.put(key, data)
        let read = try await store.get(key)
        try expect(read.count == data.count, "largeObject", "read \(read.count) bytes, expected \(data.count)")
        try expect(read == data, "largeObject", "the large object read back with other bytes")
    }

    func concurrentPuts(_ store: any ObjectStore) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask {
                    // Half of the keys are written twice at once, as deduplicated chunks may be.
                    let key = try ObjectKey("concurrent/\(index % 32)")
                    try await store.put(key, Data("value \(index % 32)".utf8))
                }
            }
            try await group.waitForAll()
        }
        let keys = try await store.list(prefix: "concurrent/")
        try expect(keys.count == 32, "concurrentPuts", "expected 32 objects, found \(keys.count)")
        for index in 0..<32 {
            let read = try await store.get(try ObjectKey("concurrent/\(index)"))
            try expect(read == Data("value \(index)".utf8), "concurrentPuts", "object \(index) read back wrong")
        }
    }

    func sync(_ store: any ObjectStore) async throws {
        try await store.put(try ObjectKey("durable/one"), Data([1]))
        try await store.sync()
        try await store.sync()
        try expect(try await store.exists(try ObjectKey("durable/one")), "sync", "an object is gone after sync")
    }

    private func expect(_ condition: Bool, _ check: String, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(check: check, message: message()) }
    }
}

/// Deterministic pseudo-random bytes (SplitMix64), so tests with "random" data are repeatable.
public struct SeededBytes: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next 64 pseudo-random bits.
    public mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// `count` pseudo-random bytes.
    public mutating func next(count: Int) -> Data {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            var word = nextWord()
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return Data(bytes.prefix(count))
    }
}
