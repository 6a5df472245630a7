internal import SQLiteNIO
import TuskCore

extension SQLiteData {
    /// The SQLite form of a portable value.
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .integer(let integer): self = .integer(SQLiteInt64(integer))
        case .real(let real): self = .float(real)
        case .text(let text): self = .text(text)
        }
    }
}

extension SQLValue {
    /// The portable form of a value SQLite returned; blobs have none, since the schema stores none.
    init(_ data: SQLiteData, column: String) throws {
        switch data {
        case .null: self = .null
        case .integer(let integer): self = .integer(Int64(integer))
        case .float(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .blob:
            throw TuskError.internal(
                "column \"\(column)\" holds a blob; the metadata schema stores no blobs, so store text instead"
            )
        }
    }
}

extension SQLRow {
    /// Converts one SQLite result into portable rows that share one column list.
    static func rows(from sqliteRows: [SQLiteRow]) throws -> [SQLRow] {
        guard let first = sqliteRows.first else { return [] }
        let columns = SQLRow.Columns(first.columns.map(\.name))
        return try sqliteRows.map { sqliteRow in
            let values = try sqliteRow.columns.map { try SQLValue($0.data, column: $0.name) }
            return SQLRow(columns: columns, values: values)
        }
    }
}
