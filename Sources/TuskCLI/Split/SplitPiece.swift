import TuskCore

/// One piece of an input cut by `put file --split`: a record, or part of the shared header or footer.
public enum SplitPiece: Sendable, Equatable {
    case header([UInt8])
    case record([UInt8])
    case footer([UInt8])
}

/// How `put file --split` cuts its input into records.
public enum SplitFormat: String, Sendable, CaseIterable {
    /// Each line (with its newline) is a record.
    case line
    /// Each top-level JSON value (with the whitespace after it) is a record.
    case json
    /// A `pg_dump` file: the statements up to and including the first `COPY ... FROM stdin;`
    /// are the header, each data row is a record, and `\.` with everything after it is the footer.
    case sql

    public init(flag: String) throws {
        guard let format = SplitFormat(rawValue: flag.lowercased()) else {
            throw TuskError.invalid("--split \"\(flag)\" is unknown; use line, json or sql", location: "--split")
        }
        self = format
    }

    /// A fresh streaming splitter for this format.
    public func makeSplitter() -> any RecordSplitter {
        switch self {
        case .line: return LineSplitter()
        case .json: return JSONSplitter()
        case .sql: return SQLSplitter()
        }
    }
}

/// A streaming cutter of bytes into pieces: bytes go in as they are read, complete pieces come
/// out, so splitting a large file never holds more than one record in memory. Concatenating
/// every piece returned, in order, gives back exactly the bytes fed in.
public protocol RecordSplitter: Sendable {
    /// Consumes the next bytes of the input and returns the pieces they complete.
    mutating func feed(_ bytes: [UInt8]) throws -> [SplitPiece]
    /// Signals the end of the input and returns the last pieces.
    mutating func finish() throws -> [SplitPiece]
}
