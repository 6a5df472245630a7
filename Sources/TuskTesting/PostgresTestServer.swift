import Foundation
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A PostgreSQL server for tests, shared by every test in the process, handing each test a
/// database of its own so tests run in parallel.
///
/// It exists because the PostgreSQL metadata store can only be tested against a real server.
/// When `TUSK_TEST_POSTGRES_URL` is set (the test script starts one server for every test
/// process), that server is used. Otherwise the first call starts a private one: `initdb` in a
/// temporary directory, `postgres` on a free port on 127.0.0.1 with `fsync` off, run as the
/// `postgres` user when the tests run as root (PostgreSQL refuses root). The private server
/// stops, and its directory is removed, when the test process exits, even when it crashes: it
/// runs under a shell that waits on a pipe only this process holds open. When no PostgreSQL can
/// be found or started, `shared()` throws an error saying what is missing; tests fail, never skip.
public final class PostgresTestServer: Sendable {
    /// A URL of the server, naming its `postgres` maintenance database.
    public let serverURL: String

    private init(serverURL: String) {
        self.serverURL = serverURL
    }

    /// The server for this test process, started on first use.
    public static func shared() throws -> PostgresTestServer {
        try sharedServer.get()
    }

    /// A URL naming a new database `tusk_test_<random>` on the shared server. The database does
    /// not exist yet: open it with `PostgresDatabase.open(url:createIfMissing: true)`.
    public static func freshDatabaseURL() throws -> String {
        try shared().url(database: "tusk_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
    }

    /// The server URL with its database replaced by `database`.
    public func url(database: String) throws -> String {
        guard var components = URLComponents(string: serverURL) else {
            throw TuskError.invalid("the PostgreSQL test server URL \"\(serverURL)\" does not parse")
        }
        components.path = "/" + database
        guard let url = components.string else {
            throw TuskError.invalid("cannot put database \(database) into \(serverURL)")
        }
        return url
    }

    private static let sharedServer: Result<PostgresTestServer, TuskError> = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["TUSK_TEST_POSTGRES_URL"], !url.isEmpty {
            return .success(PostgresTestServer(serverURL: url))
        }
        do {
            return .success(PostgresTestServer(serverURL: try PrivatePostgresServer.start()))
        } catch let error as TuskError {
            return .failure(error)
        } catch {
            return .failure(TuskError.internal("could not start a PostgreSQL server for the tests: \(error)"))
        }
    }()
}

/// Starts the private server of `PostgresTestServer`.
enum PrivatePostgresServer {
    /// The write end of the pipe the server's supervising shell waits on; kept open for the
    /// life of the process, so the server stops when the process ends.
    nonisolated(unsafe) private static var lifeline: Pipe?

    static let superuser = "tusk"

    /// Starts the server and returns its URL.
    static func start() throws -> String {
        let initdb = try locate("initdb")
        let postgres = try locate("postgres")
        let asPostgresUser = getuid() == 0
        let runuser = asPostgresUser ? try locateRunuser() : nil
        let directory = try makeDirectory(ownedByPostgres: asPostgresUser)
        let dataDirectory = directory + "/data"

        let initdbArguments = [
            initdb, "-D", dataDirectory, "-U", superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            "--no-sync",
        ]
        let (status, output) = try runToEnd(wrapped(initdbArguments, runuser: runuser))
        guard status == 0 else {
            throw TuskError(
                .unavailable,
                "initdb (\(initdb)) failed with status \(status) while preparing a PostgreSQL server for the tests: "
                    + output.suffix(2_000)
            )
        }

        let port = try freePort()
        // The shell starts the server, waits for this process to close its stdin (when the
        // process exits, however it exits), then stops the server and removes its directory once
        // the server has removed its pid file (`wait` is not used: under runuser it can miss the
        // server's exit).
        let script = """
            "$1" -D "$2" -p "$3" -k "$4" -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=400 -c shared_buffers=32MB >"$4/server.log" 2>&1 &
            server=$!
            read -r _ignored
            kill -INT "$server" 2>/dev/null
            tries=0
            while [ -f "$2/postmaster.pid" ] && [ "$tries" -lt 600 ]; do sleep 0.1; tries=$((tries + 1)); done
            rm -rf "$4"
            """
        let process = Process()
        let shellArguments = ["/bin/sh", "-c", script, "sh", postgres, dataDirectory, String(port), directory]
        let command = wrapped(shellArguments, runuser: runuser)
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TuskError(.unavailable, "could not start PostgreSQL (\(postgres)) for the tests: \(error)")
        }
        lifeline = pipe

        try waitUntilAccepting(port: port, process: process, logPath: directory + "/server.log")
        return "postgres://\(superuser)@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    /// Waits for the server to accept TCP connections: there is no event to await from another
    /// process, so this polls, with a generous limit for a loaded machine.
    private static func waitUntilAccepting(port: Int, process: Process, logPath: String) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if canConnect(port: port) { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)"
        throw TuskError(
            .unavailable,
            "the PostgreSQL server for the tests did not start accepting connections on 127.0.0.1:\(port); "
                + "its log ends: \(log.suffix(2_000))"
        )
    }

    private static func canConnect(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }

    /// The command run as the `postgres` user when `runuser` is given.
    private static func wrapped(_ arguments: [String], runuser: String?) -> [String] {
        guard let runuser else { return arguments }
        return [runuser, "-u", "postgres", "--"] + arguments
    }

    /// Finds a PostgreSQL program on `PATH`, in /usr/local/bin or in /usr/lib/postgresql/<newest>/bin.
    static func locate(_ program: String) throws -> String {
        var directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        directories.append("/usr/local/bin")
        let debianRoot = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: debianRoot)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            directories.append("\(debianRoot)/\(version)/bin")
        }
        for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(program)") {
            return "\(directory)/\(program)"
        }
        throw TuskError(
            .unavailable,
            "PostgreSQL's \(program) was not found on PATH, in /usr/local/bin or in /usr/lib/postgresql/<version>/bin; "
                + "install PostgreSQL, or set TUSK_TEST_POSTGRES_URL to a running server "
                + "(postgres://user@host:port/postgres, a superuser or a user allowed to create databases)"
        )
    }

    private static func locateRunuser() throws -> String {
        for candidate in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TuskError(
            .unavailable,
            "the tests run as root and PostgreSQL refuses to; runuser, needed to start it as the postgres user, "
                + "was not found; set TUSK_TEST_POSTGRES_URL to a running server instead"
        )
    }

    /// A fresh temporary directory, handed to the `postgres` user when the server runs as that user.
    private static func makeDirectory(ownedByPostgres: Bool) throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = (base.hasSuffix("/") ? base : base + "/") + "tusk-postgres-" + UUID().uuidString.prefix(8)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            if ownedByPostgres {
                guard let account = getpwnam("postgres") else {
                    throw TuskError(
                        .unavailable,
                        "the tests run as root and PostgreSQL refuses to, but there is no postgres user to run it as; "
                            + "create one, or set TUSK_TEST_POSTGRES_URL to a running server"
                    )
                }
                guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
                    throw TuskError.internal("cannot hand \(path) to the postgres user: \(String(cString: strerror(errno)))")
                }
            }
        } catch let error as TuskError {
            throw error
        } catch {
            throw TuskError.internal("cannot create a directory for the PostgreSQL test server under \(base): \(error)")
        }
        return path
    }

    /// Runs a command to completion and returns its status and combined output.
    private static func runToEnd(_ command: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TuskError(.unavailable, "could not run \(command[0]): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private static func freePort() throws -> Int {
        do {
            return try TestDaemon.freePort()
        } catch {
            throw TuskError.internal("cannot find a free port for the PostgreSQL test server: \(error)")
        }
    }
}
