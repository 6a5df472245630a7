import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A uniquely named directory under the system temporary directory, removed with its contents
/// when the value is released (or earlier, by `remove()`).
///
/// Tests that touch the disk (local object stores, SQLite files, data directories of a test
/// daemon) each get their own, so tests can run in parallel and leave nothing behind.
public final class TemporaryDirectory: Sendable {
    /// The absolute path of the directory.
    public let path: String

    /// Creates a fresh directory whose name starts with `prefix`.
    public init(prefix: String = "tusk-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
        template.append(contentsOf: Array("\(prefix)-XXXXXX".utf8CString))
        let created = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
            return String(cString: result)
        }
        guard let created else {
            let reason = String(cString: strerror(errno))
            throw TuskError.internal("cannot create a temporary directory in \"\(base)\": \(reason)")
        }
        self.path = created
    }

    /// The directory as a file URL.
    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    /// The path of `name` inside the directory (not created).
    public func appending(_ name: String) -> String { path + "/" + name }

    /// Removes the directory and everything in it; safe to call more than once.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    deinit { remove() }

    /// Runs `body` with a fresh temporary directory and removes it afterwards, even on error.
    public static func with<Result>(prefix: String = "tusk-test", _ body: (TemporaryDirectory) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory(prefix: prefix)
        defer { directory.remove() }
        return try await body(directory)
    }
}
