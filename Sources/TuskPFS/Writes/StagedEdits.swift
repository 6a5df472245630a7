import TuskCore
import TuskStorage

/// The edits of one `ModifyFile` stream in stream order, some still being stored.
///
/// Finishing a file (cutting, hashing and storing its last chunk) runs in a task of its own so
/// the next files of the stream are read meanwhile; at most `limit` finishes are in flight, and
/// `edits()` waits for all of them and gives the edits back in the order they arrived.
struct StagedEdits {
    private enum Entry {
        case ready(StagedEdit)
        case storing(FilePath, Task<FileContent, any Error>)
    }

    private var entries: [Entry] = []
    /// The finishes not yet waited for, oldest first.
    private var inFlight: [Task<FileContent, any Error>] = []
    private let limit: Int

    init(limit: Int = 8) {
        self.limit = max(1, limit)
    }

    mutating func append(_ edit: StagedEdit) {
        entries.append(.ready(edit))
    }

    /// Starts storing the rest of `writer`'s file as the content of an append to `path`,
    /// first waiting for the oldest finish when `limit` are in flight (its error surfaces here).
    mutating func finish(_ path: FilePath, _ writer: FileWriter) async throws {
        if inFlight.count >= limit {
            _ = try await inFlight.removeFirst().value
        }
        let task = Task {
            var writer = writer
            return try await writer.finish()
        }
        inFlight.append(task)
        entries.append(.storing(path, task))
    }

    /// Every edit in stream order, once all their bytes are stored.
    mutating func edits() async throws -> [StagedEdit] {
        var edits: [StagedEdit] = []
        edits.reserveCapacity(entries.count)
        for entry in entries {
            switch entry {
            case .ready(let edit): edits.append(edit)
            case .storing(let path, let task): edits.append(.append(path, try await task.value))
            }
        }
        inFlight = []
        return edits
    }

    /// Cancels finishes still running (the stream failed); their chunks are left for GC.
    func cancel() {
        for task in inFlight { task.cancel() }
    }
}
