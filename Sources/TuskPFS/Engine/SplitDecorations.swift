import Synchronization
import TuskCore
import TuskStorage

/// Applies split headers and footers (`SplitDirectory`) while one read walks a commit's tree:
/// finds each directory's parts once and composes a file's content as header, body, footer.
///
/// Composition is by chunk reference (a file's content is a list of chunks), so no byte is
/// copied and every reader (get file, archives, datum inputs) sees the composed file.
final class SplitDecorations: Sendable {
    private let reader: TreeReader
    private let root: ContentHash
    private let cache = Mutex<[FilePath: SplitParts]>([:])

    init(reader: TreeReader, root: ContentHash) {
        self.reader = reader
        self.root = root
    }

    /// The header and footer of `directory` (both nil for an ordinary directory).
    func parts(of directory: FilePath) async throws -> SplitParts {
        if let known = cache.withLock({ $0[directory] }) { return known }
        func content(_ name: String) async throws -> FileContent? {
            guard let entry = try await reader.entry(at: directory.appending(name), root: root), case .file(let content) = entry.kind else { return nil }
            return content
        }
        let parts = SplitParts(header: try await content(SplitDirectory.headerName), footer: try await content(SplitDirectory.footerName))
        cache.withLock { $0[directory] = parts }
        return parts
    }

    /// `body` with the header and footer of the directory holding `path`, if it has any.
    func compose(_ body: FileContent, at path: FilePath) async throws -> (content: FileContent, parts: SplitParts?) {
        guard let directory = path.parent else { return (body, nil) }
        let parts = try await parts(of: directory)
        guard parts.header != nil || parts.footer != nil else { return (body, nil) }
        let chunks = (parts.header?.chunks ?? []) + body.chunks + (parts.footer?.chunks ?? [])
        return (FileContent(chunks: chunks), parts)
    }
}

/// A split directory's header and footer.
public struct SplitParts: Sendable, Hashable {
    public var header: FileContent?
    public var footer: FileContent?
}
