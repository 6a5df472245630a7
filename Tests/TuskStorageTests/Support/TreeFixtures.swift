import Foundation
import TuskCore
import TuskStorage

/// Small helpers for building trees in tests.
enum TreeFixtures {
    static func path(_ text: String) -> FilePath {
        FilePath(trustedComponents: text.split(separator: "/").map(String.init))
    }

    /// Content of a file with the given text, its single chunk stored in `store` when given.
    static func content(_ text: String, in store: ContentStore? = nil) async throws -> FileContent {
        let data = Data(text.utf8)
        if data.isEmpty { return .empty }
        if let store { return FileContent(chunks: [try await store.putChunk(data)]) }
        return FileContent(chunks: [ChunkRef(hash: .sha256(of: data), size: Int64(data.count))])
    }

    /// A tree holding `files` (path to text), built from the empty tree.
    static func tree(_ files: [String: String], store: TreeStore) async throws -> TreeSummary {
        var editor = TreeEditor(store: store, base: try await store.emptyRoot)
        for (file, text) in files.sorted(by: { $0.key < $1.key }) {
            try await editor.put(path(file), try await content(text))
        }
        return try await editor.commit()
    }

    /// Every path of the tree in walk order, directories with a trailing "/".
    static func listing(_ root: ContentHash, store: TreeStore) async throws -> [String] {
        var paths: [String] = []
        try await TreeReader(store: store).walk(root: root) { path, entry in
            paths.append(entry.isDirectory ? path.directoryString : path.string)
            return true
        }
        return paths
    }
}
