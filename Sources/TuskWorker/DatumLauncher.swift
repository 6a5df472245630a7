/// Which program the runner starts to enter a datum's mount namespace.
///
/// In the daemon it is the running `tusk` binary itself with the hidden verb `__datum-exec`
/// (`DatumExecLauncher`); tests point it at a built `tusk`.
public struct DatumLauncher: Sendable, Hashable {
    /// The executable to spawn.
    public var executablePath: String
    /// The arguments placed before the launcher's own (the verb).
    public var leadingArguments: [String]

    public init(executablePath: String, leadingArguments: [String] = [DatumExecLauncher.verb]) {
        self.executablePath = executablePath
        self.leadingArguments = leadingArguments
    }

    /// The binary of the running process (through `/proc/self/exe`, so even a binary replaced
    /// on disk by an upgrade keeps launching the code that is running).
    public static let currentExecutable = DatumLauncher(executablePath: "/proc/self/exe")
}
