/// The part of a pipeline's `transform` that a worker needs to run a datum.
///
/// PPS resolves the spec (defaults, 1.x aliases) and hands the worker only this, so the worker
/// never parses specs and a spec change that does not touch these fields cannot change how a
/// datum runs.
public struct TransformSpec: Sendable, Hashable, Codable {
    /// The command and its arguments; `cmd[0]` is looked up in `PATH`.
    public var cmd: [String]
    /// Lines fed to the command's standard input, joined with newlines.
    public var stdin: [String]
    /// Extra environment variables (`transform.env`).
    public var env: [String: String]
    /// `working_dir`; nil runs in the worker's current directory.
    public var workingDirectory: String?
    /// `user`: a user name or numeric uid to run as; nil keeps the worker's user.
    public var user: String?
    /// Non-zero exit codes that count as success (`accept_return_code`).
    public var acceptReturnCodes: [Int]
    /// `err_cmd`, run after a datum failed all its tries; empty when the spec has none.
    public var errorCommand: [String]
    /// `err_stdin`, the lines fed to `errorCommand`.
    public var errorStdin: [String]

    public init(
        cmd: [String],
        stdin: [String] = [],
        env: [String: String] = [:],
        workingDirectory: String? = nil,
        user: String? = nil,
        acceptReturnCodes: [Int] = [],
        errorCommand: [String] = [],
        errorStdin: [String] = []
    ) {
        self.cmd = cmd
        self.stdin = stdin
        self.env = env
        self.workingDirectory = workingDirectory
        self.user = user
        self.acceptReturnCodes = acceptReturnCodes
        self.errorCommand = errorCommand
        self.errorStdin = errorStdin
    }
}
