import Foundation
import Synchronization
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How one run of a command through the launcher ended.
enum TransformTermination: Equatable, Sendable {
    /// The command exited with this code.
    case exited(Int32)
    /// The command died by this signal.
    case signaled(Int32)
    /// The launcher could not start the command; the text says why.
    case setupFailed(String)
    /// The timeout passed and the command was killed.
    case timedOut(Duration)
}

/// Runs one command for a datum through the launcher and waits for it: streams its output
/// lines, enforces the timeout (SIGTERM, then two seconds later "kill everything"), kills the
/// command when the calling task is cancelled, and always kills and reaps whatever is left.
struct TransformExecution: Sendable {
    var launcherExecutable: String
    var launcherArguments: [String]
    var environment: [String: String]
    var standardInputPath: String
    var timeout: Duration?
    var clock: any WallClock
    /// Forks launchers from an already-loaded process; nil (or a zygote that cannot start)
    /// executes the launcher binary directly.
    var zygote: DatumZygote? = nil
    /// Reads the command's output pipes (shared by the runner's datums).
    var pump: OutputPump

    /// How long a timed-out command has between SIGTERM and SIGKILL.
    static let terminationGrace: Duration = .seconds(2)
    /// How long output is still read after the command ended (a stray process that holds
    /// the pipe open must not hold the datum).
    static let drainGrace: Duration = .seconds(1)
    /// Bytes of standard error kept for the datum record.
    static let standardErrorTailBytes = 4096

    struct Outcome: Sendable {
        var termination: TransformTermination
        var standardErrorTail: String
    }

    func run(log: @escaping @Sendable (DatumLogLine) -> Void) async throws -> Outcome {
        let output = try LinuxSystem.closeOnExecPipe()
        let errors: (read: Int32, write: Int32)
        let report: (read: Int32, write: Int32)
        do {
            errors = try LinuxSystem.closeOnExecPipe()
        } catch {
            close(output.read); close(output.write)
            throw error
        }
        do {
            report = try LinuxSystem.closeOnExecPipe()
        } catch {
            for descriptor in [output.read, output.write, errors.read, errors.write] { close(descriptor) }
            throw error
        }
        let process: any LaunchedProcess
        do {
            process = try await spawn(standardOutput: output.write, standardError: errors.write, report: report.write)
        } catch {
            for descriptor in [output.read, output.write, errors.read, errors.write, report.read, report.write] { close(descriptor) }
            throw error
        }
        for descriptor in [output.write, errors.write, report.write] { close(descriptor) }

        let outputReader = OutputLineReader(stream: .stdout, tailLimit: 0, clock: clock, deliver: log)
        let errorReader = OutputLineReader(stream: .stderr, tailLimit: Self.standardErrorTailBytes, clock: clock, deliver: log)
        let outputStream = pump.start(output.read, with: outputReader)
        let errorStream = pump.start(errors.read, with: errorReader)

        let timedOut = TimeoutFlag()
        let status = await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group -> Int32 in
                if let timeout {
                    group.addTask {
                        do { try await Task.sleep(for: timeout) } catch { return }
                        timedOut.set()
                        process.signalLauncher(SIGTERM)
                        do { try await Task.sleep(for: Self.terminationGrace) } catch { return }
                        process.signalLauncher(DatumExecLauncher.killEverythingSignal)
                        do { try await Task.sleep(for: Self.terminationGrace) } catch { return }
                        process.killGroup()
                    }
                }
                await process.waitForExit()
                group.cancelAll()
                return await process.killGroupAndReap()
            }
        } onCancel: {
            process.signalLauncher(DatumExecLauncher.killEverythingSignal)
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 3)
                process.killGroup()
            }
        }
        pump.stop(outputStream, after: Self.drainGrace)
        pump.stop(errorStream, after: Self.drainGrace)
        _ = await pump.tail(of: outputStream)
        let tail = await pump.tail(of: errorStream)
        let setupFailure = Self.readAll(report.read)
        close(report.read)
        try Task.checkCancellation()

        let termination: TransformTermination
        if let timeout, timedOut.isSet {
            termination = .timedOut(timeout)
        } else if (status >> 8) & 0xff == DatumExecLauncher.setupFailureExitCode && status & 0x7f == 0 && !setupFailure.isEmpty {
            termination = .setupFailed(setupFailure)
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signaled(status & 0x7f)
        }
        return Outcome(termination: termination, standardErrorTail: tail)
    }

    /// Starts the launcher through the zygote when there is one (the launcher's verb is the
    /// first leading argument, which the zygote's child does not need), else directly.
    private func spawn(standardOutput: Int32, standardError: Int32, report: Int32) async throws -> any LaunchedProcess {
        if let zygote, launcherArguments.first == DatumExecLauncher.verb {
            do {
                return try await zygote.spawn(
                    arguments: Array(launcherArguments.dropFirst()), environment: environment, standardInputPath: standardInputPath,
                    standardOutput: standardOutput, standardError: standardError, report: report)
            } catch {
                // The zygote could not be started, reached, or fork: execute the launcher instead.
            }
        }
        return try LauncherProcess.spawn(
            executable: launcherExecutable, arguments: launcherArguments, environment: environment,
            standardInputPath: standardInputPath, standardOutput: standardOutput, standardError: standardError, report: report)
    }

    /// Everything readable from a pipe whose writers have all gone, as trimmed text.
    private static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 64 * 1024 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Whether the watchdog fired, shared between the watchdog task and the runner.
private final class TimeoutFlag: Sendable {
    private let fired = Mutex(false)

    func set() { fired.withLock { $0 = true } }

    var isSet: Bool { fired.withLock { $0 } }
}
