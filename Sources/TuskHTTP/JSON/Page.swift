import Hummingbird
import TuskCore

/// One page of a long list, as `?offset=&limit=` asks for it.
///
/// Lists that can be long (commits, files of a directory, jobs, datums, log lines) are never
/// returned whole: the console shows a page and a "more" control, and curl users page the
/// same way. Every paged response carries `total` so a client knows how far it is.
struct PageRequest: Sendable, Equatable {
    static let defaultLimit = 100
    static let maximumLimit = 1000

    var offset: Int
    var limit: Int

    init(offset: Int = 0, limit: Int = PageRequest.defaultLimit) {
        self.offset = offset
        self.limit = limit
    }

    /// Reads `offset` and `limit` from the query string; bad values are `invalid_argument`.
    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        self.init()
        if let text = query.get("offset") {
            guard let value = Int(text), value >= 0 else {
                throw TuskError.invalid("offset must be a whole number of 0 or more, not \"\(text)\"", location: "offset")
            }
            offset = value
        }
        if let text = query.get("limit") {
            guard let value = Int(text), value >= 1, value <= PageRequest.maximumLimit else {
                throw TuskError.invalid("limit must be a whole number from 1 to \(PageRequest.maximumLimit), not \"\(text)\"", location: "limit")
            }
            limit = value
        }
    }

    /// The page of `items` this request selects, as the response body.
    func page<Item>(_ items: [Item], _ render: (Item) -> JSONValue) -> JSONValue {
        let start = min(offset, items.count)
        let end = min(start + limit, items.count)
        return envelope(items[start..<end].map(render), total: items.count)
    }

    /// The paged body around already-selected `items` out of `total`.
    func envelope(_ items: [JSONValue], total: Int) -> JSONValue {
        let next = offset + items.count
        return [
            "items": .array(items),
            "total": JSONValue(total),
            "offset": JSONValue(offset),
            "limit": JSONValue(limit),
            "next_offset": next < total ? JSONValue(next) : .null,
        ]
    }
}
