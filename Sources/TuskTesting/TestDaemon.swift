import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A real `tusk serve` process on free ports with its own data directory, for integration tests.
///
/// It runs the built binary (not an in-process server), so tests see exactly what users see:
/// flag parsing, the composition root, real sockets, and what survives a SIGKILL and restart.
public final class TestDaemon: @unchecked Sendable {
    public let dataDirectory: String
    public let grpcPort: Int
    public let httpPort: Int
    public let binary: String
    private var process: Process?
    private let logPath: String

    public var grpcAddress: String { "localhost:\(grpcPort)" }

    /// Starts a daemon over `dataDirectory` (a fresh temporary one when nil) and waits until it answers `/healthz`.
    public init(dataDirectory: String, binary: String? = nil) throws {
        self.dataDirectory = dataDirectory
        self.grpcPort = try Self.freePort()
        var http = try Self.freePort()
        while http == grpcPort { http = try Self.freePort() }
        self.httpPort = http
        self.binary = try binary ?? Self.locateBinary()
        self.logPath = dataDirectory + ".log"
        try start()
    }

    /// Finds the `tusk` executable built beside the test bundle, or in `.build/debug`.
    public static func locateBinary() throws -> String {
        var bundle = CommandLine.arguments[0]
        var candidates: [String] = []
        if let value = ProcessInfo.processInfo.environment["TUSK_BIN"] { candidates.append(value) }
        for _ in 0..<4 {
            guard let slash = bundle.lastIndex(of: "/") else { break }
            bundle = String(bundle[..<slash])
            candidates.append(bundle + "/tusk")
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/.build/debug/tusk")
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestDaemonError("no tusk binary found (looked at \(candidates)); build it with `swift build --product tusk`")
        }
        return found
    }

    public func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--data-dir", dataDirectory, "--host", "127.0.0.1", "--port", "\(grpcPort)", "--http-port", "\(httpPort)"]
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let logHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try logHandle.seekToEnd()
        process.standardError = logHandle
        process.standardOutput = logHandle
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning {
                throw TestDaemonError("tusk serve exited with status \(process.terminationStatus): \(recentLog(tail: 2000))")
            }
            if (try? httpGet("/healthz").status) == 200 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestDaemonError("tusk serve did not become healthy within 30 s: \(recentLog(tail: 2000))")
    }

    /// Kills the daemon with SIGKILL, as a crash would.
    public func kill() {
        guard let process, process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Stops the daemon with SIGTERM and waits for it to exit.
    public func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    public var terminationStatus: Int32? {
        guard let process, !process.isRunning else { return nil }
        return process.terminationStatus
    }

    deinit { kill() }

    /// A blocking HTTP GET against the daemon's HTTP port.
    public func httpGet(_ path: String) throws -> (status: Int, body: String) {
        let url = URL(string: "http://127.0.0.1:\(httpPort)\(path)")!
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: url) { data, response, error in
            box.value = (response as? HTTPURLResponse).map { ($0.statusCode, String(decoding: data ?? Data(), as: UTF8.self)) }
            box.error = error
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        if let error = box.error { throw error }
        guard let value = box.value else { throw TestDaemonError("no HTTP response from \(url)") }
        return value
    }

    public func recentLog(tail: Int) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(tail))
    }

    static func freePort() throws -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw TestDaemonError("socket() failed") }
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) }
        }
        guard bound == 0 else { throw TestDaemonError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        guard named == 0 else { throw TestDaemonError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

private final class ResultBox: @unchecked Sendable {
    var value: (Int, String)?
    var error: (any Error)?
}

/// Why a test daemon could not be started or reached.
public struct TestDaemonError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
