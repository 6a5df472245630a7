/// The entry point of `tusk worker`.
public enum WorkerCommand {
    /// Runs `tusk worker ...`; returns the process exit code.
    public static func run(arguments: [String]) async -> Int32 {
        await ServerCommand.exitCode(verb: "worker") {
            try await WorkerProcess.run(try WorkerConfiguration.parse(arguments))
        }
    }
}
