import Foundation
import TuskCore

/// The entry point of the server-side verbs of the `tusk` binary (`serve`, later `worker`).
public enum ServerCommand {
    /// Runs `tusk serve ...`; returns the process exit code.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            let configuration = try ServerConfiguration.parse(arguments)
            try await Daemon.run(configuration)
            return 0
        } catch let error as TuskError where error.code == .cancelled {
            print(error.message)
            return 0
        } catch let error as TuskError {
            FileHandle.standardError.write(Data("tusk serve: \(error.message)\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("tusk serve: \(error)\n".utf8))
            return 1
        }
    }
}
