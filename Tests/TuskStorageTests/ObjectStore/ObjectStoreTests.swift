import Foundation
import Testing
import TuskCore
import TuskStorage
import TuskTesting

#if canImport(Glibc)
import Glibc
#endif

@Suite struct ObjectStoreConformanceTests {
    @Test func memoryStorePassesTheConformanceSuite() async throws {
        try await ObjectStoreConformance().run { MemoryObjectStore() }
    }

    @Test func localStorePassesTheConformanceSuite() async throws {
        let directory = try TemporaryDirectory()
        var count = 0
        try await ObjectStoreConformance().run {
            count += 1
            return try LocalObjectStore(rootPath: directory.appending("store-\(count)"))
        }
    }
}

@Suite struct ObjectKeyTests {
    @Test func acceptsRelativeSlashSeparatedPaths() throws {
        #expect(try ObjectKey("chunks/ab/abcdef").path == "chunks/ab/abcdef")
        #expect(try ObjectKey("single").components == ["single"])
    }

    @Test(arguments: ["", "/chunks/ab", "chunks/../etc", "chunks/./x", "a//b", "trailing/", "bad\u{0}name"])
    func rejectsUnsafeKeys(_ path: String) {
        #expect(throws: TuskError.self) { try ObjectKey(path) }
    }

    @Test func contentAddressedKeysFanOutByTheFirstTwoHexDigits() {
        let hash = ContentHash(words: (0xAB00_0000_0000_0000, 0, 0, 1))
        #expect(ObjectKey.contentAddressed("chunks", hash).path == "chunks/ab/" + hash.hex)
    }
}

@Suite struct LocalObjectStoreTests {
    @Test func putLinkingAdoptsTheOpenFileAsTheObject() async throws {
        let directory = try TemporaryDirectory()
        let store = try LocalObjectStore(rootPath: directory.appending("store"))
        let source = directory.appending("source")
        FileManager.default.createFile(atPath: source, contents: Data("linked bytes".utf8), attributes: [.posixPermissions: 0o666])
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let key = try ObjectKey("chunks/ab/linked")
        #expect(try await store.putLinking(key, descriptor: descriptor))
        #expect(try await store.get(key) == Data("linked bytes".utf8))
        var object = stat(), original = stat()
        #expect(lstat(try #require(store.localFilePath(key)), &object) == 0 && lstat(source, &original) == 0)
        #expect(object.st_ino == original.st_ino)
        #expect(object.st_mode & 0o777 == 0o644)
        // Already stored: nothing is linked again.
        #expect(try await store.putLinking(key, descriptor: descriptor))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appending("store/tmp")).isEmpty)
        // A store without local files declines, and the caller copies.
        #expect(try await MemoryObjectStore().putLinking(key, descriptor: descriptor) == false)
    }

    @Test func initRemovesLeftoverTemporaryFiles() throws {
        let directory = try TemporaryDirectory()
        let root = directory.appending("store")
        _ = try LocalObjectStore(rootPath: root)
        let leftover = root + "/tmp/put-crashed"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data([1, 2])))
        _ = try LocalObjectStore(rootPath: root)
        #expect(!FileManager.default.fileExists(atPath: leftover))
    }

    @Test func objectsAreFilesAtTheirKeyPathAndLeaveNoTemporaryFiles() async throws {
        let directory = try TemporaryDirectory()
        let store = try LocalObjectStore(rootPath: directory.path)
        try await store.put(try ObjectKey("chunks/ab/abc"), Data("x".utf8))
        try await store.sync()
        #expect(FileManager.default.contents(atPath: directory.path + "/chunks/ab/abc") == Data("x".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/tmp").isEmpty)
    }

    @Test func theTemporaryDirectoryIsReservedAndNotListed() async throws {
        let directory = try TemporaryDirectory()
        let store = try LocalObjectStore(rootPath: directory.path)
        await #expect(throws: TuskError.self) { try await store.put(try ObjectKey("tmp/x"), Data()) }
        #expect(try await store.list(prefix: "").isEmpty)
    }

    @Test func storesReopenWithTheirObjects() async throws {
        let directory = try TemporaryDirectory()
        let key = try ObjectKey("trees/01/0123")
        try await LocalObjectStore(rootPath: directory.path).put(key, Data([4, 5, 6]))
        #expect(try await LocalObjectStore(rootPath: directory.path).get(key) == Data([4, 5, 6]))
    }
}
