import Synchronization
import TuskCore

/// The rules every `SQLTransaction` implementation enforces on its statements, kept once: they
/// run one at a time (a body may start several concurrently; they queue), none runs after the
/// body has returned, and none runs after one has failed — the transaction is aborted by then,
/// as PostgreSQL does, and `COMMIT` must throw rather than silently commit half a body.
///
/// It exists so that the SQLite and PostgreSQL transactions share this bookkeeping and its
/// messages, and differ only in how they send a statement and translate their engine's errors.
public final class TransactionStatements: Sendable {
    private struct State: Sendable {
        var isFinished = false
        var failure: TuskError?
    }

    private let gate = SerialGate()
    private let state = Mutex(State())
    /// Names the database in messages, e.g. `metadata database /data/metadata.sqlite`.
    private let databaseDescription: String

    public init(databaseDescription: String) {
        self.databaseDescription = databaseDescription
    }

    /// Runs one statement after the ones before it. An error thrown by `run` is translated by
    /// `translate`, remembered as the transaction's failure, and rethrown.
    public func run<T: Sendable>(
        _ sql: String, translate: (any Error) -> TuskError, _ run: () async throws -> T
    ) async throws -> T {
        try checkUsable(sql)
        _ = await gate.enter()
        do {
            try checkUsable(sql)
            let result = try await run()
            await gate.leave()
            return result
        } catch {
            await gate.leave()
            let translated = translate(error)
            state.withLock { state in
                if state.failure == nil, !state.isFinished { state.failure = translated }
            }
            throw translated
        }
    }

    /// Refuses any further statement, for a transaction object kept beyond its body; then
    /// throws when a statement failed earlier (the caller rolls back instead of committing).
    public func finishForCommit() throws {
        finish()
        guard let failure = state.withLock({ $0.failure }) else { return }
        throw TuskError(
            .internal,
            "the transaction on \(databaseDescription) was rolled back: a statement in it failed "
                + "(\(failure.message)) and the body carried on; a failed statement aborts the whole "
                + "transaction, so let its error propagate, or use ON CONFLICT ... DO NOTHING",
            location: databaseDescription,
            cause: failure
        )
    }

    /// Refuses any further statement.
    public func finish() {
        state.withLock { $0.isFinished = true }
    }

    /// The statement shortened to one line, so an error can say which operation failed.
    public static func summary(of sql: String) -> String {
        let line = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let limit = 80
        guard line.count > limit else { return line }
        return String(line.prefix(limit)) + "..."
    }

    private func checkUsable(_ sql: String) throws {
        let (isFinished, failure) = state.withLock { ($0.isFinished, $0.failure) }
        // Only a refusal needs the summary; every statement passes through here.
        guard isFinished || failure != nil else { return }
        let operation = Self.summary(of: sql)
        if isFinished {
            throw TuskError(
                .internal,
                "\(operation) was not run: its transaction on \(databaseDescription) has already ended; "
                    + "use a transaction only inside the body it was handed to",
                location: databaseDescription
            )
        }
        if let failure {
            throw TuskError(
                .internal,
                "\(operation) was not run: an earlier statement in the same transaction failed "
                    + "(\(failure.message)); a failed statement aborts the whole transaction, so let its error "
                    + "propagate, or use ON CONFLICT ... DO NOTHING",
                location: databaseDescription,
                cause: failure
            )
        }
    }
}
