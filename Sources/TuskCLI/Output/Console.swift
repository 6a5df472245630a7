import Foundation

/// Where a command writes: standard output for results, standard error for messages.
///
/// Injected into every invocation so tests can capture what a command prints.
public struct Console: Sendable {
    public let writeOutput: @Sendable (Data) -> Void
    public let writeError: @Sendable (Data) -> Void
    /// Whether standard error is a terminal (progress bars are drawn only then, or with --progress).
    public let errorIsTerminal: Bool
    /// Whether standard input is a terminal (reading a file from it then prints a hint).
    public let inputIsTerminal: Bool

    public init(writeOutput: @escaping @Sendable (Data) -> Void, writeError: @escaping @Sendable (Data) -> Void, errorIsTerminal: Bool = false, inputIsTerminal: Bool = false) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.errorIsTerminal = errorIsTerminal
        self.inputIsTerminal = inputIsTerminal
    }

    /// The process's real standard streams.
    public static let standard = Console(
        writeOutput: { Console.writeOrExit($0, to: FileHandle.standardOutput) },
        writeError: { Console.writeOrExit($0, to: FileHandle.standardError) },
        errorIsTerminal: isatty(2) == 1,
        inputIsTerminal: isatty(0) == 1
    )

    /// Writes to a standard stream; when the reader has gone away (`tusk ... | head`), exits
    /// quietly instead of failing on the broken pipe.
    static func writeOrExit(_ data: Data, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            exit(0)
        }
    }

    public func print(_ text: String) { writeOutput(Data((text + "\n").utf8)) }
    public func write(_ text: String) { writeOutput(Data(text.utf8)) }
    public func message(_ text: String) { writeError(Data((text + "\n").utf8)) }
}
