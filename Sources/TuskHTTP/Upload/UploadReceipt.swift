import Synchronization

/// The files an upload wrote and their sizes, filled in while the body streams through PFS
/// and reported in the response.
final class UploadReceipt: Sendable {
    struct Entry: Sendable {
        var path: String
        var sizeBytes: Int64
    }

    private let entries = Mutex<[Entry]>([])

    func begin(_ path: String) {
        entries.withLock { $0.append(Entry(path: path, sizeBytes: 0)) }
    }

    func add(_ count: Int) {
        entries.withLock { list in
            if !list.isEmpty { list[list.count - 1].sizeBytes += Int64(count) }
        }
    }

    var files: [Entry] { entries.withLock { $0 } }

    var json: JSONValue {
        .array(files.map { ["path": JSONValue($0.path), "size_bytes": JSONValue($0.sizeBytes)] })
    }
}
