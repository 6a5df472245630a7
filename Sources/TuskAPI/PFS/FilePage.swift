import TuskCore

/// The `pagination_marker` / `number` / `reverse` window of `ListFile` and `WalkFile`.
///
/// The marker is exclusive: a page continues after the path the previous page ended on
/// (before it, when listing in reverse). `number` 0 means no limit.
struct FilePage: Sendable {
    let marker: FilePath?
    let limit: Int
    let reverse: Bool

    init(marker: String?, number: Int64, reverse: Bool) throws {
        self.marker = try marker.flatMap { $0.isEmpty ? nil : try RequestPaths.readPath($0) }
        self.limit = Int(clamping: max(0, number))
        self.reverse = reverse
    }

    /// True when `path` lies beyond the marker in the listing direction.
    func isPastMarker(_ path: FilePath) -> Bool {
        guard let marker else { return true }
        return reverse ? path < marker : marker < path
    }

    /// Applies the window to an already ordered listing.
    func apply<Items: Sequence>(_ items: Items, path: (Items.Element) -> FilePath) -> [Items.Element] {
        let after = items.filter { isPastMarker(path($0)) }
        return limit > 0 ? Array(after.prefix(limit)) : after
    }
}
