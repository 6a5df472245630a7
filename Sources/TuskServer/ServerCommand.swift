import Foundation
import TuskCore

/// The entry points of the server-side verbs of the `tusk` binary (`serve`, `worker`).
public enum ServerCommand {
    /// Runs `tusk serve ...`; returns the process exit code.
    public static func run(arguments: [String]) async -> Int32 {
        await exitCode(verb: "serve") {
            try await Daemon.run(try ServerConfiguration.parse(arguments))
        }
    }

    /// Runs `body` for `tusk <verb>` and turns its outcome into an exit code: 0 on success and
    /// for `--help` (a `.cancelled` error carrying the usage, printed to stdout), 1 with the
    /// error on stderr otherwise.
    static func exitCode(verb: String, _ body: () async throws -> Void) async -> Int32 {
        do {
            try await body()
            return 0
        } catch let error as TuskError where error.code == .cancelled {
            print(error.message)
            return 0
        } catch let error as TuskError {
            FileHandle.standardError.write(Data("tusk \(verb): \(error.message)\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("tusk \(verb): \(error)\n".utf8))
            return 1
        }
    }
}
