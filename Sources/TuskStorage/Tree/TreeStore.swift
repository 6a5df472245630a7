import Foundation
import TuskCore

/// Tree nodes stored by the SHA-256 of their encoding, verified on read and cached.
///
/// Every reader and editor of trees goes through it, so nodes are decoded once while they stay
/// in the bounded cache and every node read from the object store is checked against its
/// address: a damaged or missing node surfaces as `.dataLoss`. Nodes live under
/// `trees/<2 hex>/<64 hex>`.
public actor TreeStore {
    /// The object store holding the nodes.
    public let objects: any ObjectStore
    private var cache: NodeCache

    /// The key namespace of tree nodes.
    public static let namespace = "trees"

    /// A store over `objects` caching up to `cacheBytes` of node encodings (64 MiB by default).
    public init(objects: any ObjectStore, cacheBytes: Int = 64 << 20) {
        self.objects = objects
        self.cache = NodeCache(capacity: cacheBytes)
    }

    /// The object key of the node with `hash`.
    public static func key(for hash: ContentHash) -> ObjectKey {
        ObjectKey.contentAddressed(namespace, hash)
    }

    /// The node stored under `hash`, verified.
    public func node(_ hash: ContentHash) async throws -> TreeNode {
        if let cached = cache.node(hash) { return cached }
        if hash == TreeNode.emptyHash { return .empty }
        let key = Self.key(for: hash)
        let data: Data
        do {
            data = try await objects.get(key)
        } catch let error as TuskError where error.code == .notFound {
            throw TuskError(.dataLoss, "tree node object \(hash.hex) is missing from the object store", location: key.path, cause: error)
        }
        let actual = ContentHash.sha256(of: data)
        guard actual == hash else {
            throw TuskError(.dataLoss, "tree node object \(hash.hex) is corrupt: its \(data.count) bytes hash to \(actual.hex)", location: key.path)
        }
        let node: TreeNode
        do {
            node = try TreeNode(decoding: data)
        } catch let error as TuskError {
            throw TuskError(.dataLoss, "tree node object \(hash.hex) does not decode: \(error.message)", location: key.path, cause: error)
        }
        cache.insert(node, hash: hash, cost: data.count)
        return node
    }

    /// Stores `node` unless it is already stored, and returns its hash.
    @discardableResult
    public func store(_ node: TreeNode) async throws -> ContentHash {
        let data = node.encoded()
        let hash = ContentHash.sha256(of: data)
        try await store(encoded: data, hash: hash, node: node)
        return hash
    }

    /// Stores a node whose encoding and hash the caller already computed.
    func store(encoded data: Data, hash: ContentHash, node: TreeNode) async throws {
        // Always ask the object store: garbage collection may have removed an equal node
        // since it was cached.
        let key = Self.key(for: hash)
        if try await !objects.exists(key) {
            try await objects.put(key, data)
        }
        cache.insert(node, hash: hash, cost: data.count)
    }

    /// The hash of the empty tree, stored if it is not: the root of an empty commit.
    public var emptyRoot: ContentHash {
        get async throws {
            try await store(.empty)
        }
    }

    /// Makes every node stored so far durable; see `ObjectStore.sync()`.
    public func sync() async throws {
        try await objects.sync()
    }
}
