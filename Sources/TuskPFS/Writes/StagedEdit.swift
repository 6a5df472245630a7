import TuskCore
import TuskStorage

/// A file operation whose bytes are already stored: what remains is to apply it to a tree.
enum StagedEdit: Sendable {
    case append(FilePath, FileContent)
    case delete(FilePath)
    case copy(TreeEntry.Kind, FilePath, append: Bool)

    func apply(to editor: inout TreeEditor) async throws {
        switch self {
        case .append(let path, let content): try await editor.append(path, content)
        case .delete(let path): try await editor.delete(path)
        case .copy(let kind, let path, let append): try await editor.copy(kind, to: path, append: append)
        }
    }
}
