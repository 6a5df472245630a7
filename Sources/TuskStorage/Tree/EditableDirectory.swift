import TuskCore

/// A directory that an edit has touched, held in memory until the edit commits.
///
/// The editor's overlay is a tree of these over the stored base tree: untouched children stay
/// as `.directory` summaries pointing at stored nodes (never loaded), so the memory and the
/// writes of an edit follow the paths it touched, not the size of the tree.
final class EditableDirectory {
    /// One child of an edited directory.
    enum Slot {
        case file(FileContent)
        /// A stored subtree that this edit has not descended into.
        case directory(DirectorySummary)
        /// A subtree loaded into the overlay (possibly changed).
        case edited(EditableDirectory)
    }

    /// The stored node this directory was loaded from; nil for a directory the edit created.
    let original: ContentHash?
    var children: [String: Slot]

    /// A new, empty directory.
    init() {
        original = nil
        children = [:]
    }

    /// A directory loaded from the stored node `node` with hash `hash`.
    init(loading node: TreeNode, hash: ContentHash) {
        original = hash
        var children: [String: Slot] = [:]
        children.reserveCapacity(node.entries.count)
        for entry in node.entries {
            switch entry.kind {
            case .file(let content): children[entry.name] = .file(content)
            case .directory(let summary): children[entry.name] = .directory(summary)
            }
        }
        self.children = children
    }
}
