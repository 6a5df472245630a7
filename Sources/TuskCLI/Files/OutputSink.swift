import Foundation
import TuskCore

/// Where downloaded bytes go: standard output, or a local file written to a temporary name and
/// renamed into place once complete.
final class OutputSink: @unchecked Sendable {
    let console: Console
    let handle: FileHandle?
    let temporaryPath: String?
    let finalPath: String?

    init(path: String?, console: Console) throws {
        self.console = console
        guard let path else {
            handle = nil
            temporaryPath = nil
            finalPath = nil
            return
        }
        let temporary = path + ".tusk-partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let opened = FileHandle(forWritingAtPath: temporary) else {
            throw TuskError.precondition("cannot create the local file \(path); check that its directory exists and is writable", location: path)
        }
        handle = opened
        temporaryPath = temporary
        finalPath = path
    }

    func write(_ data: Data) throws {
        if let handle { try handle.write(contentsOf: data) } else { console.writeOutput(data) }
    }

    /// Drops what was written so far (the read failed): the partial file is removed and an
    /// existing file at the destination is left as it was.
    func discard() {
        guard let handle, let temporaryPath else { return }
        try? handle.close()
        _ = try? FileManager.default.removeItem(atPath: temporaryPath)
    }

    func close() throws {
        guard let handle, let temporaryPath, let finalPath else { return }
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: finalPath)
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }
}
