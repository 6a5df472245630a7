import TuskCore

/// Refuses a transaction opened inside another transaction on the same database, in the same task.
///
/// It exists because nesting is always a bug with these engines: a nested write waits for the
/// enclosing write forever, and a nested read sees a snapshot without the enclosing transaction's
/// own uncommitted writes. Every `SQLDatabase` implementation calls `check` before it waits for a
/// connection and runs the body inside `withOpenTransaction`.
public enum TransactionNesting {
    @TaskLocal private static var openDatabases: Set<ObjectIdentifier> = []

    /// Throws `.failedPrecondition` when the current task already holds a transaction on `database`.
    public static func check(_ database: AnyObject, databaseDescription: String) throws {
        guard openDatabases.contains(ObjectIdentifier(database)) else { return }
        throw TuskError(
            .failedPrecondition,
            "a transaction on \(databaseDescription) is already open in this task; transactions do not nest "
                + "(a nested write would wait for itself, a nested read would miss the open transaction's writes), "
                + "so pass the open transaction down instead",
            location: databaseDescription
        )
    }

    /// Runs `body` with `database` marked as holding a transaction in this task and its child tasks.
    public static func withOpenTransaction<T>(
        _ database: AnyObject,
        _ body: () async throws -> T
    ) async rethrows -> T {
        var marked = openDatabases
        marked.insert(ObjectIdentifier(database))
        return try await $openDatabases.withValue(marked, operation: body)
    }
}
