import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An S3-compatible service for tests: the one named by `TUSK_TEST_S3_ENDPOINT` (the test
/// script starts one with `scripts/services/s3.sh`), or else a `moto` server that this test
/// process starts once on a free port of 127.0.0.1.
///
/// The moto process reads its standard input from a pipe that only this process holds, and
/// exits when that pipe closes, so it dies with the test process even after a crash. If moto
/// is not installed, `shared()` throws an error saying how to install it; S3 tests fail
/// rather than skip.
public final class S3TestServer: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    /// The port of `endpoint`.
    public let port: Int
    public let accessKeyId: String
    public let secretAccessKey: String
    private let lifeline: FileHandle?

    private init(endpoint: String, port: Int, accessKeyId: String, secretAccessKey: String, lifeline: FileHandle?) {
        self.endpoint = endpoint
        self.port = port
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.lifeline = lifeline
    }

    private static let instance: Result<S3TestServer, TuskError> = {
        do { return .success(try start()) } catch let error as TuskError { return .failure(error) } catch {
            return .failure(TuskError.internal("cannot start the S3 test server: \(error)"))
        }
    }()

    /// The process-wide server, started on first use.
    public static func shared() throws -> S3TestServer {
        try instance.get()
    }

    /// A bucket name no other test uses.
    public static func uniqueBucketName(_ stem: String = "tusk-test") -> String {
        "\(stem)-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))"
    }

    private static func start() throws -> S3TestServer {
        let environment = ProcessInfo.processInfo.environment
        let accessKeyId = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "test"
        let secretAccessKey = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? "test"
        if let given = environment["TUSK_TEST_S3_ENDPOINT"], !given.isEmpty {
            let trimmed = given.hasSuffix("/") ? String(given.dropLast()) : given
            let port = trimmed.split(separator: ":").last.flatMap { Int($0) } ?? 80
            return S3TestServer(endpoint: trimmed, port: port, accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, lifeline: nil)
        }
        try checkMotoIsInstalled()
        // The free port may be taken between choosing it and moto binding it: try a few.
        var lastError: TuskError?
        for _ in 0..<3 {
            do {
                return try startMoto(port: try TestDaemon.freePort(), accessKeyId: accessKeyId, secretAccessKey: secretAccessKey)
            } catch let error as TuskError {
                lastError = error
            }
        }
        throw lastError ?? TuskError.internal("cannot start the moto S3 test server")
    }

    private static func startMoto(port: Int, accessKeyId: String, secretAccessKey: String) throws -> S3TestServer {
        let logPath = NSTemporaryDirectory() + "tusk-moto-\(getpid())-\(port).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let stdin = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Exit when standard input closes, that is, when this test process ends.
        let script = """
            import os, sys, threading
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            from moto.server import main
            main(["-H", "127.0.0.1", "-p", sys.argv[1]])
            """
        process.arguments = ["python3", "-c", script, String(port)]
        process.standardInput = stdin
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw TuskError(.failedPrecondition, "cannot run python3 to start the moto S3 test server: \(error); install Python 3 and run `pip install 'moto[server]'`")
        }
        try? stdin.fileHandleForReading.close()
        let deadline = Date().addingTimeInterval(60)
        // Ready when moto itself says it listens (not merely when the port answers, which
        // another process that took the port would also do) and the port accepts connections.
        func announced() -> Bool {
            ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("Running on http://127.0.0.1:\(port)")
        }
        while !(announced() && canConnect(port: port)) {
            if !process.isRunning {
                let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw TuskError(.failedPrecondition, "the moto S3 test server exited with status \(process.terminationStatus) before answering: \(output.suffix(2000))")
            }
            if Date() > deadline {
                process.terminate()
                throw TuskError(.failedPrecondition, "the moto S3 test server did not listen on 127.0.0.1:\(port) within 60 s; see \(logPath)")
            }
            usleep(50_000)
        }
        // moto keeps writing to its open log; the file itself is only needed for a failed start.
        unlink(logPath)
        return S3TestServer(endpoint: "http://127.0.0.1:\(port)", port: port, accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
                            lifeline: stdin.fileHandleForWriting)
    }

    private static func checkMotoIsInstalled() throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import moto.server, flask, flask_cors"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        do {
            try check.run()
            check.waitUntilExit()
        } catch {
            throw TuskError(.failedPrecondition, "S3 tests need the moto S3 server, but python3 cannot be run (\(error)); install Python 3 and run `pip install 'moto[server]'`, or set TUSK_TEST_S3_ENDPOINT to an S3-compatible server")
        }
        guard check.terminationStatus == 0 else {
            throw TuskError(.failedPrecondition, "S3 tests need the moto S3 server, which is not installed for python3: run `pip install 'moto[server]'`, or set TUSK_TEST_S3_ENDPOINT to an S3-compatible server")
        }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }
}
