import Foundation
import Synchronization
import TuskWorker

/// Finds a program that answers `__datum-exec`: `$TUSK_DATUM_LAUNCHER`, else the package's
/// built `tusk` when it has the verb, else a launcher compiled once from the worker's
/// `Launch/` and zygote sources (so the tests run before the verb is wired into `tusk`).
final class TestLauncher: Sendable {
    static let shared = TestLauncher()

    private let resolved = Mutex<Result<DatumLauncher, LauncherNotFound>?>(nil)

    struct LauncherNotFound: Error, CustomStringConvertible {
        var description: String
    }

    func get() throws -> DatumLauncher {
        try resolved.withLock { cached in
            if let cached { return try cached.get() }
            let result = Result { () throws(LauncherNotFound) in try Self.locate() }
            cached = result
            return try result.get()
        }
    }

    private static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    private static func locate() throws(LauncherNotFound) -> DatumLauncher {
        if let path = ProcessInfo.processInfo.environment["TUSK_DATUM_LAUNCHER"], !path.isEmpty {
            return DatumLauncher(executablePath: path)
        }
        let built = packageRoot + "/.build/debug/tusk"
        if FileManager.default.isExecutableFile(atPath: built), probe(built) {
            return DatumLauncher(executablePath: built)
        }
        return try compileFromSources()
    }

    private static func probe(_ executable: String) -> Bool {
        let (status, output) = run(executable, [DatumExecLauncher.verb, "--probe"])
        return status == 0 && output.contains(DatumExecLauncher.probeMarker)
    }

    private static func compileFromSources() throws(LauncherNotFound) -> DatumLauncher {
        let sources = packageRoot + "/Sources/TuskWorker/Launch"
        let directory = NSTemporaryDirectory() + "tusk-worker-test-launcher"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let main = directory + "/main.swift"
        let program = """
        import Foundation
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == DatumZygoteProcess.verb { exit(DatumZygoteProcess.main()) }
        guard arguments.first == DatumExecLauncher.verb else { exit(2) }
        exit(DatumExecLauncher.main(arguments: Array(arguments.dropFirst())))
        """
        try? Data(program.utf8).write(to: URL(fileURLWithPath: main))
        let zygote = packageRoot + "/Sources/TuskWorker/Zygote"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: sources)) ?? []).filter { $0.hasSuffix(".swift") }.map { sources + "/" + $0 }
            + ["DatumZygoteProcess.swift", "ZygoteSocket.swift", "ZygoteMessage.swift"].map { zygote + "/" + $0 }
        let executable = directory + "/launcher"
        let (status, output) = run("/usr/bin/env", ["swiftc", "-swift-version", "6", "-o", executable] + files + [main])
        guard status == 0 else {
            throw LauncherNotFound(description: "no launcher: .build/debug/tusk lacks \(DatumExecLauncher.verb) and compiling one failed: \(output)")
        }
        return DatumLauncher(executablePath: executable)
    }

    private static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
