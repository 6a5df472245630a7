internal import SQLiteNIO
import TuskCore

/// Turns SQLite's errors into `TuskError`s, by SQLite's (extended) result code, never by message text.
enum SQLiteErrorTranslation {
    /// The `TuskError` for `error`, thrown while running `sql` on the database described by
    /// `databaseDescription`. A `TuskError` passes through unchanged.
    static func translate(
        _ error: any Error,
        sql: String,
        databaseDescription: String,
        inReadTransaction: Bool
    ) -> TuskError {
        if let tuskError = error as? TuskError { return tuskError }
        let operation = TransactionStatements.summary(of: sql)
        guard let sqliteError = error as? SQLiteError else {
            return TuskError(
                .internal,
                "\(operation) failed on \(databaseDescription)",
                location: databaseDescription,
                cause: error
            )
        }
        switch sqliteError.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintUniqueRowIDFailed:
            return TuskError(
                .alreadyExists,
                "\(operation) failed: a row with the same key already exists (\(sqliteError.message))",
                location: databaseDescription,
                cause: sqliteError
            )
        case .constraintForeignKeyFailed:
            return TuskError(
                .failedPrecondition,
                "\(operation) failed: it refers to a row that does not exist, or removes a row that others "
                    + "still refer to (\(sqliteError.message))",
                location: databaseDescription,
                cause: sqliteError
            )
        case .readOnly where inReadTransaction:
            return TuskError(
                .failedPrecondition,
                "\(operation) tries to write inside a read transaction; run it inside write instead",
                location: databaseDescription,
                cause: sqliteError
            )
        default:
            return TuskError(
                .internal,
                "\(operation) failed on \(databaseDescription): \(sqliteError.message)",
                location: databaseDescription,
                cause: sqliteError
            )
        }
    }

    /// Whether `error` says the file is not a database or its pages are corrupt.
    static func isDamage(_ error: any Error) -> Bool {
        guard let sqliteError = error as? SQLiteError else { return false }
        switch sqliteError.reason {
        case .notADatabase, .corrupt, .corruptIndex, .corruptSequenceSchema, .corruptVirtualTable,
             .ioErrorCorruptedFilesystem:
            return true
        default:
            return false
        }
    }

    /// The message SQLite gave with `error`, or its description for other errors.
    static func message(of error: any Error) -> String {
        (error as? SQLiteError)?.message ?? String(describing: error)
    }
}
