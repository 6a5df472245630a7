import TuskCore

/// A least-recently-used cache of decoded tree nodes, bounded by their encoded size.
///
/// Nodes are immutable and addressed by hash, so a cached node never goes stale; the bound
/// only keeps memory flat while a walk or an edit touches many directories.
struct NodeCache {
    private struct Slot {
        var node: TreeNode
        var cost: Int
        var newer: ContentHash?
        var older: ContentHash?
    }

    private var slots: [ContentHash: Slot] = [:]
    private var newest: ContentHash?
    private var oldest: ContentHash?
    private(set) var totalCost = 0
    let capacity: Int

    /// A cache holding nodes whose encodings add up to at most `capacity` bytes.
    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { slots.count }

    /// The cached node, marking it most recently used.
    mutating func node(_ hash: ContentHash) -> TreeNode? {
        guard let slot = slots[hash] else { return nil }
        detach(hash)
        attachAsNewest(hash)
        return slot.node
    }

    mutating func insert(_ node: TreeNode, hash: ContentHash, cost: Int) {
        if let existing = slots[hash] {
            detach(hash)
            slots[hash] = nil
            totalCost -= existing.cost
        }
        guard cost <= capacity else { return }
        slots[hash] = Slot(node: node, cost: cost)
        totalCost += cost
        attachAsNewest(hash)
        while totalCost > capacity, let victim = oldest, let slot = slots[victim] {
            detach(victim)
            slots[victim] = nil
            totalCost -= slot.cost
        }
    }

    /// Takes `hash` out of the recency list, leaving it in the table.
    private mutating func detach(_ hash: ContentHash) {
        guard let slot = slots[hash] else { return }
        if let newer = slot.newer { slots[newer]?.older = slot.older } else { newest = slot.older }
        if let older = slot.older { slots[older]?.newer = slot.newer } else { oldest = slot.newer }
        slots[hash]?.newer = nil
        slots[hash]?.older = nil
    }

    /// Puts `hash`, which is in the table but not in the list, at the newest end of the list.
    private mutating func attachAsNewest(_ hash: ContentHash) {
        guard slots[hash] != nil else { return }
        slots[hash]?.older = newest
        slots[hash]?.newer = nil
        if let previous = newest { slots[previous]?.newer = hash }
        newest = hash
        if oldest == nil { oldest = hash }
    }
}
