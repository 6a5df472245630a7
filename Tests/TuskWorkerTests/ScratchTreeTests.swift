import Foundation
import Testing
@testable import TuskWorker

#if canImport(Glibc)
import Glibc
#endif

/// Datum scratch directories are made and removed with plain system calls; removal must never
/// reach outside the tree, whatever user code left in `/pfs/out`.
@Suite struct ScratchTreeTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "scratch-tree-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func makeDirectoriesCreatesMissingParentsAndAcceptsExistingOnes() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(ScratchTree.makeDirectories(root + "/a/b/c") == nil)
        #expect(ScratchTree.makeDirectories(root + "/a/b/c") == nil)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/a/b/c", isDirectory: &isDirectory) && isDirectory.boolValue)
        FileManager.default.createFile(atPath: root + "/file", contents: Data("x".utf8))
        #expect(ScratchTree.makeDirectories(root + "/file") == ENOTDIR)
        #expect(ScratchTree.makeDirectories(root + "/file/below") == ENOTDIR)
    }

    @Test func removeDeletesTheTreeButNeverFollowsASymbolicLink() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = root + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: outside + "/keep.txt", contents: Data("keep".utf8))

        let tree = root + "/datum"
        try FileManager.default.createDirectory(atPath: tree + "/pfs/out/deep/er", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: tree + "/pfs/out/deep/er/file", contents: Data("x".utf8))
        try FileManager.default.createSymbolicLink(atPath: tree + "/pfs/out/link-to-outside", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: tree + "/pfs/out/deep/file-link", withDestinationPath: outside + "/keep.txt")
        // A name that is not UTF-8, and a directory nobody may write.
        let odd: [CChar] = Array((tree + "/pfs/out/").utf8CString.dropLast()) + [CChar(bitPattern: 0xff), 0x41, 0]
        #expect(open(odd, O_WRONLY | O_CREAT, 0o644) >= 0)
        try FileManager.default.createDirectory(atPath: tree + "/pfs/out/locked/inner", withIntermediateDirectories: true)
        #expect(chmod(tree + "/pfs/out/locked", 0o500) == 0)

        ScratchTree.remove(tree)
        #expect(!FileManager.default.fileExists(atPath: tree))
        #expect(FileManager.default.contents(atPath: outside + "/keep.txt") == Data("keep".utf8))
        ScratchTree.remove(tree)
    }

    @Test func removeOfALinkRemovesOnlyTheLink() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/target", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: root + "/target/keep", contents: Data())
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/target")
        ScratchTree.remove(root + "/link")
        #expect(!FileManager.default.fileExists(atPath: root + "/link"))
        #expect(FileManager.default.fileExists(atPath: root + "/target/keep"))
    }
}
