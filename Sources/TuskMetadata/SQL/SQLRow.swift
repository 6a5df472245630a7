import TuskCore

/// One row returned by a query, with typed accessors by column name.
///
/// It exists so that engine code reads results the same way from every SQL engine, and so that a
/// wrong assumption about a column (missing, `NULL`, another type) fails with an error naming the
/// column instead of a crash. Column names are those the query produced (use `AS` to name
/// expressions).
public struct SQLRow: Sendable {
    /// The column names of a result, shared by all its rows.
    public final class Columns: Sendable {
        public let names: [String]
        let indexByName: [String: Int]

        public init(_ names: [String]) {
            self.names = names
            var indexByName: [String: Int] = [:]
            for (index, name) in names.enumerated() where indexByName[name] == nil {
                indexByName[name] = index
            }
            self.indexByName = indexByName
        }
    }

    public let columns: Columns
    public let values: [SQLValue]

    /// A row of `values`, in the order of `columns.names`.
    public init(columns: Columns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// A row from parallel name and value lists; convenient in tests.
    public init(names: [String], values: [SQLValue]) {
        self.init(columns: Columns(names), values: values)
    }

    /// The raw value of `column`; throws when the result has no such column.
    public func value(_ column: String) throws -> SQLValue {
        guard let index = columns.indexByName[column], index < values.count else {
            throw TuskError.internal(
                "query result has no column \"\(column)\"; its columns are \(columns.names.joined(separator: ", "))"
            )
        }
        return values[index]
    }

    /// The text in `column`, which must not be `NULL`.
    public func string(_ column: String) throws -> String {
        guard let text = try optionalString(column) else { throw nullError(column, expected: "text") }
        return text
    }

    /// The text in `column`, or nil when it is `NULL`.
    public func optionalString(_ column: String) throws -> String? {
        switch try value(column) {
        case .null: return nil
        case .text(let text): return text
        case let other: throw typeError(column, expected: "text", found: other)
        }
    }

    /// The integer in `column`, which must not be `NULL`.
    public func int64(_ column: String) throws -> Int64 {
        guard let integer = try optionalInt64(column) else { throw nullError(column, expected: "an integer") }
        return integer
    }

    /// The integer in `column`, or nil when it is `NULL`.
    public func optionalInt64(_ column: String) throws -> Int64? {
        switch try value(column) {
        case .null: return nil
        case .integer(let integer): return integer
        case let other: throw typeError(column, expected: "an integer", found: other)
        }
    }

    /// The integer in `column` as a platform integer, which must not be `NULL`.
    public func int(_ column: String) throws -> Int {
        Int(try int64(column))
    }

    /// The number in `column` (an integer is widened), which must not be `NULL`.
    public func double(_ column: String) throws -> Double {
        guard let real = try optionalDouble(column) else { throw nullError(column, expected: "a number") }
        return real
    }

    /// The number in `column` (an integer is widened), or nil when it is `NULL`.
    public func optionalDouble(_ column: String) throws -> Double? {
        switch try value(column) {
        case .null: return nil
        case .real(let real): return real
        case .integer(let integer): return Double(integer)
        case let other: throw typeError(column, expected: "a number", found: other)
        }
    }

    /// The boolean in `column`, stored the portable way as the integer 0 or 1.
    public func bool(_ column: String) throws -> Bool {
        switch try value(column) {
        case .integer(0): return false
        case .integer(1): return true
        case .null: throw nullError(column, expected: "a boolean (0 or 1)")
        case let other: throw typeError(column, expected: "a boolean (0 or 1)", found: other)
        }
    }

    private func nullError(_ column: String, expected: String) -> TuskError {
        TuskError.internal("column \"\(column)\" is NULL where \(expected) was expected")
    }

    private func typeError(_ column: String, expected: String, found: SQLValue) -> TuskError {
        TuskError.internal("column \"\(column)\" holds \(found) where \(expected) was expected")
    }
}

extension SQLRow: CustomStringConvertible {
    public var description: String {
        let pairs = zip(columns.names, values).map { "\($0): \($1)" }
        return "[" + pairs.joined(separator: ", ") + "]"
    }
}
