import Foundation
import PostgresNIO
import TuskCore
import TuskMetadata

extension PostgresBindings {
    /// The PostgreSQL parameters for portable values: `bigint`, `double precision`, `text`, or a
    /// `NULL` whose type the server infers from where it is used.
    init(_ values: [SQLValue]) {
        self.init(capacity: values.count)
        for value in values {
            switch value {
            case .null: appendNull()
            case .integer(let integer): append(integer)
            case .real(let real): append(real)
            case .text(let text): append(text)
            }
        }
    }
}

extension SQLValue {
    /// The portable value of one cell. Every integer type (`smallint`, `integer`, `bigint`, `oid`,
    /// and an integral `numeric` such as `SUM(bigint)` gives) reads as `.integer`, a boolean as the
    /// integer 0 or 1 (as SQLite gives comparisons), any other number as `.real`, and text types
    /// as `.text`. Other types are refused with a message saying to cast them.
    init(_ cell: PostgresCell) throws {
        guard var bytes = cell.bytes else {
            self = .null
            return
        }
        let column = cell.columnName
        do {
            switch cell.dataType {
            case .int2, .int4, .int8:
                self = .integer(try cell.decode(Int64.self))
            case .oid:
                if cell.format == .binary, let oid = bytes.readInteger(as: UInt32.self) {
                    self = .integer(Int64(oid))
                } else {
                    self = .integer(try Self.parseInteger(String(buffer: bytes), column: column))
                }
            case .float4, .float8:
                self = .real(try cell.decode(Double.self))
            case .numeric:
                self = Self.number(from: try cell.decode(Decimal.self))
            case .bool:
                self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .text, .varchar, .name, .bpchar, .char, .unknown:
                self = .text(String(buffer: bytes))
            case .void:
                self = .null
            default:
                throw TuskError.internal(
                    "column \"\(column)\" has PostgreSQL type \(cell.dataType), which the metadata store does not "
                        + "read; cast it to text, bigint or double precision in the query"
                )
            }
        } catch let error as TuskError {
            throw error
        } catch {
            throw TuskError.internal(
                "column \"\(column)\" (PostgreSQL type \(cell.dataType)) could not be read: \(error)",
                cause: error
            )
        }
    }

    /// An integral `numeric` within `Int64` as `.integer`, anything else as `.real`.
    static func number(from decimal: Decimal) -> SQLValue {
        var rounded = Decimal()
        var source = decimal
        NSDecimalRound(&rounded, &source, 0, .plain)
        if rounded == decimal, let integer = Int64(exactly: NSDecimalNumber(decimal: decimal).int64Value),
           Decimal(integer) == decimal {
            return .integer(integer)
        }
        return .real(NSDecimalNumber(decimal: decimal).doubleValue)
    }

    private static func parseInteger(_ text: String, column: String) throws -> Int64 {
        guard let integer = Int64(text) else {
            throw TuskError.internal("column \"\(column)\" holds \"\(text)\" where an integer was expected")
        }
        return integer
    }
}

extension SQLRow {
    /// Converts one PostgreSQL result into portable rows that share one column list.
    static func rows(from postgresRows: [PostgresRow]) throws -> [SQLRow] {
        guard let first = postgresRows.first else { return [] }
        let columns = SQLRow.Columns(first.map(\.columnName))
        return try postgresRows.map { row in
            SQLRow(columns: columns, values: try row.map { try SQLValue($0) })
        }
    }
}
