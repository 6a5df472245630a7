import Foundation
import TuskCore

/// A Python script run as a test's helper server: it prints one line announcing itself (its
/// port, ...) and exits when its standard input closes, so `stop()` (or the test process
/// ending) takes it down.
final class PythonTestProcess: Sendable {
    /// The first line the script printed, without its newline.
    let announcement: String
    private let process: Process
    private let lifeline: FileHandle

    /// Starts `script`; `exitedEarly` is thrown when it ends before printing a line.
    init(script: String, quiet: Bool = false, exitedEarly: @autoclosure () -> TuskError) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        if quiet { process.standardError = FileHandle.nullDevice }
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw exitedEarly() }
            line.append(chunk)
        }
        announcement = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        self.process = process
        self.lifeline = input.fileHandleForWriting
    }

    func stop() {
        try? lifeline.close()
        process.waitUntilExit()
    }
}
