extension DatumPlanner {
    /// `join`: bucket each child's rows by their join key (the first input's `joinOn`), then for
    /// every key in ascending order take the cross product of the children present for it.
    /// When a child has no row for the key, only the present children marked `outer_join` take
    /// part (nothing when none of them is outer).
    static func joinRows(_ children: [[Row]], outer: [Bool]) throws -> [Row] {
        var buckets: [String: [[Row]]] = [:]
        for (index, rows) in children.enumerated() {
            for row in rows {
                let key = row.first?.joinOn ?? ""
                var perChild = buckets[key] ?? Array(repeating: [], count: children.count)
                perChild[index].append(row)
                buckets[key] = perChild
            }
        }
        var result: [Row] = []
        for key in buckets.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let perChild = buckets[key] else { continue }
            let present = perChild.indices.filter { !perChild[$0].isEmpty }
            let taking = present.count == children.count ? present : present.filter { outer[$0] }
            guard !taking.isEmpty else { continue }
            result += crossProduct(taking.map { perChild[$0] })
        }
        return result
    }

    /// `group`: one datum per distinct group key (ascending), holding every row of every child
    /// with that key, in child order and then path order.
    static func groupRows(_ children: [[Row]]) throws -> [Row] {
        var buckets: [String: Row] = [:]
        for rows in children {
            for row in rows {
                buckets[row.first?.groupBy ?? "", default: []] += row
            }
        }
        return buckets.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).compactMap { buckets[$0] }
    }

    /// The Cartesian product of row lists, the first list varying slowest.
    static func crossProduct(_ lists: [[Row]]) -> [Row] {
        var product: [Row] = [[]]
        for list in lists {
            product = product.flatMap { prefix in list.map { prefix + $0 } }
        }
        return product
    }
}
