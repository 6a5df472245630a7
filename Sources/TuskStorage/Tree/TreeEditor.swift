import Foundation
import TuskCore

/// Applies file operations to a stored tree and writes only the nodes that change.
///
/// An open commit's operations (put, append, delete, copy) are applied in order to an overlay
/// of the touched directories over the base tree; `commit()` serialises the changed
/// directories bottom-up and returns the new root. Unchanged subtrees keep their node hashes,
/// so the new tree shares them with the base. Directories left empty are pruned: like
/// Pachyderm, a tree has no empty directories. An editor is used by one task at a time.
public struct TreeEditor {
    private let store: TreeStore
    private var base: ContentHash
    private var root: EditableDirectory?

    /// An editor whose edits start from the tree with root `base`.
    public init(store: TreeStore, base: ContentHash) {
        self.store = store
        self.base = base
    }

    /// Creates or overwrites the file at `path`, creating parent directories as needed.
    public mutating func put(_ path: FilePath, _ content: FileContent) async throws {
        try await placeFile(path, content, append: false)
    }

    /// Appends `content` to the file at `path`, or creates it.
    public mutating func append(_ path: FilePath, _ content: FileContent) async throws {
        try await placeFile(path, content, append: true)
    }

    /// Deletes the file or the whole directory at `path`; a missing path is a no-op and the
    /// root empties the tree.
    public mutating func delete(_ path: FilePath) async throws {
        if path.isRoot {
            root = EditableDirectory()
            return
        }
        let directories = try await directoryChain(to: path)
        guard directories.count == path.components.count, let parent = directories.last else { return }
        parent.children[path.name] = nil
        prune(directories, along: path)
    }

    /// Places a file, or a whole directory subtree by its node hash (no data is copied), at
    /// `path`. Without `append` it replaces what is there; with `append`, files are
    /// concatenated and directories merged recursively.
    public mutating func copy(_ entry: TreeEntry.Kind, to path: FilePath, append: Bool) async throws {
        switch entry {
        case .file(let content):
            try await placeFile(path, content, append: append)
        case .directory(let summary):
            if summary.fileCount == 0 {
                // An empty tree has nothing to add; replacing with it removes what was there.
                if !append { try await delete(path) }
                return
            }
            if path.isRoot {
                if append {
                    try await merge(summary, into: try await loadedRoot(), at: path)
                } else {
                    root = EditableDirectory(loading: try await store.node(summary.hash), hash: summary.hash)
                }
                return
            }
            let parent = try await createDirectories(path.parent ?? .root, for: path)
            try await placeDirectory(summary, in: parent, name: path.name, at: path, append: append)
        }
    }

    /// Writes the changed directories and returns the new tree. The editor continues from the
    /// new tree afterwards.
    public mutating func commit() async throws -> TreeSummary {
        let directory = try await loadedRoot()
        let summary: TreeSummary
        if let written = try await persist(directory) {
            summary = TreeSummary(root: written.hash, size: written.size, fileCount: written.fileCount)
        } else {
            summary = TreeSummary(root: try await store.emptyRoot, size: 0, fileCount: 0)
        }
        base = summary.root
        root = nil
        return summary
    }

    // MARK: - Files

    private mutating func placeFile(_ path: FilePath, _ content: FileContent, append: Bool) async throws {
        guard !path.isRoot else {
            throw TuskError.invalid("cannot write a file at the root path \"/\"; give a file name such as \"/data.csv\"", location: path.string)
        }
        let parent = try await createDirectories(path.parent ?? .root, for: path)
        switch parent.children[path.name] {
        case nil:
            parent.children[path.name] = .file(content)
        case .file(let existing):
            parent.children[path.name] = .file(append ? existing.appending(content) : content)
        case .directory, .edited:
            throw TuskError.invalid("cannot write file \"\(path)\": \"\(path.directoryString)\" is a directory; delete it first or choose another name", location: path.string)
        }
    }

    // MARK: - Directories

    private func placeDirectory(_ summary: DirectorySummary, in parent: EditableDirectory, name: String, at path: FilePath, append: Bool) async throws {
        switch parent.children[name] {
        case nil:
            parent.children[name] = .directory(summary)
        case .file:
            throw TuskError.invalid("cannot copy directory \"\(path.directoryString)\": the file \"\(path)\" is in the way; delete it first or copy elsewhere", location: path.string)
        case .directory, .edited:
            if append {
                try await merge(summary, into: try await descend(parent, name), at: path)
            } else {
                parent.children[name] = .directory(summary)
            }
        }
    }

    /// Appends every entry of the stored directory `summary` into `target`.
    private func merge(_ summary: DirectorySummary, into target: EditableDirectory, at path: FilePath) async throws {
        let source = try await store.node(summary.hash)
        for entry in source.entries {
            let entryPath = path.appending(entry.name)
            switch entry.kind {
            case .file(let content):
                switch target.children[entry.name] {
                case nil:
                    target.children[entry.name] = .file(content)
                case .file(let existing):
                    target.children[entry.name] = .file(existing.appending(content))
                case .directory, .edited:
                    throw TuskError.invalid("cannot append file \"\(entryPath)\": \"\(entryPath.directoryString)\" is a directory", location: entryPath.string)
                }
            case .directory(let child):
                try await placeDirectory(child, in: target, name: entry.name, at: entryPath, append: true)
            }
        }
    }

    /// The overlay directory at `directory`, creating missing directories; `path` is the
    /// operation's target, named in errors.
    private mutating func createDirectories(_ directory: FilePath, for path: FilePath) async throws -> EditableDirectory {
        var current = try await loadedRoot()
        for (index, name) in directory.components.enumerated() {
            if case .file = current.children[name] {
                let file = FilePath(trustedComponents: Array(directory.components.prefix(index + 1)))
                throw TuskError.invalid("cannot write \"\(path)\": \"\(file)\" is a file, so it cannot contain other files; delete it first or choose another path", location: path.string)
            }
            if current.children[name] == nil {
                let created = EditableDirectory()
                current.children[name] = .edited(created)
                current = created
            } else {
                current = try await descend(current, name)
            }
        }
        return current
    }

    /// The existing overlay directories from the root towards `path`'s parent: the root, then
    /// each directory on the way. Shorter than the path's component count when the path does
    /// not exist (a missing directory or a file on the way).
    private mutating func directoryChain(to path: FilePath) async throws -> [EditableDirectory] {
        var chain = [try await loadedRoot()]
        for name in path.components.dropLast() {
            guard let current = chain.last else { break }
            switch current.children[name] {
            case .directory, .edited: chain.append(try await descend(current, name))
            case .file, nil: return chain
            }
        }
        return chain
    }

    /// Removes directories along `path` that the last operation left empty, deepest first.
    private func prune(_ chain: [EditableDirectory], along path: FilePath) {
        for depth in stride(from: chain.count - 1, through: 1, by: -1) where chain[depth].children.isEmpty {
            chain[depth - 1].children[path.components[depth - 1]] = nil
        }
    }

    /// The child directory `name` of `parent`, loaded into the overlay.
    private func descend(_ parent: EditableDirectory, _ name: String) async throws -> EditableDirectory {
        switch parent.children[name] {
        case .edited(let directory):
            return directory
        case .directory(let summary):
            let loaded = EditableDirectory(loading: try await store.node(summary.hash), hash: summary.hash)
            parent.children[name] = .edited(loaded)
            return loaded
        case .file, nil:
            let created = EditableDirectory()
            parent.children[name] = .edited(created)
            return created
        }
    }

    private mutating func loadedRoot() async throws -> EditableDirectory {
        if let root { return root }
        let loaded = EditableDirectory(loading: try await store.node(base), hash: base)
        root = loaded
        return loaded
    }

    // MARK: - Commit

    /// Stores `directory` (after its edited children) if it changed; nil when it is empty.
    private func persist(_ directory: EditableDirectory) async throws -> DirectorySummary? {
        var entries: [TreeEntry] = []
        entries.reserveCapacity(directory.children.count)
        for (name, slot) in directory.children {
            switch slot {
            case .file(let content):
                entries.append(TreeEntry(name: name, kind: .file(content)))
            case .directory(let summary):
                entries.append(TreeEntry(name: name, kind: .directory(summary)))
            case .edited(let child):
                if let summary = try await persist(child) {
                    entries.append(TreeEntry(name: name, kind: .directory(summary)))
                }
            }
        }
        if entries.isEmpty { return nil }
        let node = try TreeNode(entries: entries)
        let encoded = node.encoded()
        let hash = ContentHash.sha256(of: encoded)
        if hash != directory.original {
            try await store.store(encoded: encoded, hash: hash, node: node)
        }
        return node.summary(hash: hash)
    }
}
