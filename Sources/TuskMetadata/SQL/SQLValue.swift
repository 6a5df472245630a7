/// One value bound to, or read from, a SQL statement.
///
/// It exists so that callers of the metadata store never see a driver's own value type: the same
/// four cases map onto SQLite's storage classes and onto the PostgreSQL types the schema uses
/// (`TEXT`, `BIGINT`/`INTEGER`, `DOUBLE PRECISION`). Booleans are stored as the integers 0 and 1,
/// and there are deliberately no blobs (see the module README for the portability rules).
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// A text value, or `NULL` when `text` is nil.
    public init(_ text: String?) {
        self = text.map(SQLValue.text) ?? .null
    }

    /// An integer value, or `NULL` when `integer` is nil.
    public init(_ integer: Int64?) {
        self = integer.map(SQLValue.integer) ?? .null
    }

    /// An integer value from a platform integer.
    public init(_ integer: Int) {
        self = .integer(Int64(integer))
    }

    /// A real value, or `NULL` when `real` is nil.
    public init(_ real: Double?) {
        self = real.map(SQLValue.real) ?? .null
    }

    /// A boolean stored the portable way: the integer 1 for true, 0 for false.
    public init(_ boolean: Bool) {
        self = .integer(boolean ? 1 : 0)
    }

    /// Whether this is SQL `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self.init(value) }
}

extension SQLValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let integer): String(integer)
        case .real(let real): String(real)
        case .text(let text): "'\(text)'"
        }
    }
}
