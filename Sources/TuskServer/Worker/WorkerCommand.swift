import Foundation
import TuskCore

/// The entry point of `tusk worker`.
public enum WorkerCommand {
    /// Runs `tusk worker ...`; returns the process exit code.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            let configuration = try WorkerConfiguration.parse(arguments)
            try await WorkerProcess.run(configuration)
            return 0
        } catch let error as TuskError where error.code == .cancelled {
            print(error.message)
            return 0
        } catch let error as TuskError {
            FileHandle.standardError.write(Data("tusk worker: \(error.message)\n".utf8))
            return 1
        } catch {
            FileHandle.standardError.write(Data("tusk worker: \(error)\n".utf8))
            return 1
        }
    }
}
