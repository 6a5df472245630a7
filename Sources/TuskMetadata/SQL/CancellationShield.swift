/// Runs a transaction in a task of its own, so that cancelling the caller (a client that went
/// away, a stopped job) cannot interrupt BEGIN, COMMIT, ROLLBACK or a connection's hand-back
/// half-way and leave a connection inside a transaction. The caller still waits for the result;
/// transactions are short.
///
/// It exists once for every `SQLDatabase` implementation (SQLite, PostgreSQL).
public enum CancellationShield {
    /// Runs `operation` with `body` in an unstructured task that the caller awaits.
    public static func run<T: Sendable>(
        _ body: @Sendable (any SQLTransaction) async throws -> T,
        _ operation: @escaping @Sendable (@escaping @Sendable (any SQLTransaction) async throws -> T) async throws -> T
    ) async throws -> T {
        try await withoutActuallyEscaping(body) { escapable in
            let unsafeBody = UnsafeTransferBox(escapable)
            return try await Task { try await operation(unsafeBody.value) }.value
        }
    }
}

/// Carries a non-escaping closure into a task that the caller awaits before returning (the
/// closure never outlives the call, which is what `withoutActuallyEscaping` requires).
private struct UnsafeTransferBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
