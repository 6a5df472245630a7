import Foundation
import TuskCore
import TuskMetadata

/// The SQL of the `datum_tasks` queue, shared by the daemon (`QueuedDatumExecutor`) and the
/// workers (`DatumTaskWorker`), which may run on other hosts against the same database.
///
/// Every write names the lease it holds, so a worker that lost its task can change nothing;
/// every step is one transaction, so the queue needs nothing from the database beyond
/// serialized write transactions.
public enum DatumTaskQueue {
    /// Task states as stored.
    enum State: Int64 {
        case queued = 0
        case leased = 1
        case done = 2
    }

    /// The row the daemon polls for one of its tasks.
    struct Progress: Sendable {
        var id: String
        var state: State
        var heartbeat: Int64
        var worker: String
        var resultJSON: String
    }

    /// One log line a worker wrote for a task and the daemon has not passed on yet.
    struct PendingLogLine: Sendable {
        var taskID: String
        var lease: String
        var sequence: Int64
        var line: DatumLogLine
    }

    // MARK: Daemon side

    static func enqueue(
        _ transaction: any SQLTransaction, id: String, kind: DatumTaskKind, unit: DatumWorkUnit, now: Timestamp
    ) async throws {
        let unitJSON = String(decoding: try JSONEncoder().encode(unit), as: UTF8.self)
        try await transaction.execute(
            """
            INSERT INTO datum_tasks (id, kind, project, pipeline, job_id, datum_id, unit_json, state, created_at, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM datum_tasks))
            """,
            [.text(id), .text(kind.rawValue), .text(unit.project), .text(unit.pipeline), .text(unit.jobID), .text(unit.datumID),
             .text(unitJSON), .integer(now.microseconds)])
    }

    static func progress(_ transaction: any SQLTransaction, ids: [String]) async throws -> [Progress] {
        guard !ids.isEmpty else { return [] }
        let rows = try await transaction.query(
            "SELECT id, state, heartbeat, worker, result_json FROM datum_tasks WHERE id IN (\(placeholders(ids.count)))",
            ids.map(SQLValue.text))
        return try rows.map { row in
            Progress(
                id: try row.string("id"), state: State(rawValue: try row.int64("state")) ?? .queued,
                heartbeat: try row.int64("heartbeat"), worker: try row.string("worker"), resultJSON: try row.string("result_json"))
        }
    }

    static func pendingLogs(_ transaction: any SQLTransaction, ids: [String]) async throws -> [PendingLogLine] {
        guard !ids.isEmpty else { return [] }
        let rows = try await transaction.query(
            """
            SELECT task_id, lease, seq, stream, message, ts FROM datum_task_logs
            WHERE task_id IN (\(placeholders(ids.count))) ORDER BY task_id, ts, seq
            """,
            ids.map(SQLValue.text))
        return try rows.map { row in
            PendingLogLine(
                taskID: try row.string("task_id"), lease: try row.string("lease"), sequence: try row.int64("seq"),
                line: DatumLogLine(
                    stream: DatumLogLine.Stream(rawValue: try row.string("stream")) ?? .stdout, text: try row.string("message"),
                    timestamp: Timestamp(microseconds: try row.int64("ts"))))
        }
    }

    static func forgetLogs(_ transaction: any SQLTransaction, _ lines: [PendingLogLine]) async throws {
        var highest: [String: [String: Int64]] = [:]
        for line in lines {
            highest[line.taskID, default: [:]][line.lease] = max(highest[line.taskID]?[line.lease] ?? 0, line.sequence)
        }
        for (task, leases) in highest {
            for (lease, sequence) in leases {
                try await transaction.execute(
                    "DELETE FROM datum_task_logs WHERE task_id = ? AND lease = ? AND seq <= ?",
                    [.text(task), .text(lease), .integer(sequence)])
            }
        }
    }

    /// Puts a leased task back in the queue, unless its worker heartbeat since `heartbeat` was
    /// observed (then it is alive after all). Returns whether the task was requeued.
    static func requeue(_ transaction: any SQLTransaction, id: String, heartbeat: Int64) async throws -> Bool {
        try await transaction.execute(
            "UPDATE datum_tasks SET state = 0, lease = '', worker = '' WHERE id = ? AND state = 1 AND heartbeat = ?",
            [.text(id), .integer(heartbeat)]) == 1
    }

    static func remove(_ transaction: any SQLTransaction, ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        let binds = ids.map(SQLValue.text)
        try await transaction.execute("DELETE FROM datum_task_logs WHERE task_id IN (\(placeholders(ids.count)))", binds)
        try await transaction.execute("DELETE FROM datum_tasks WHERE id IN (\(placeholders(ids.count)))", binds)
    }

    /// Drops every task: a daemon that starts owns no job runs yet, so tasks left by its
    /// previous life belong to nobody (the restarted jobs enqueue their datums anew).
    static func removeAll(_ transaction: any SQLTransaction) async throws {
        try await transaction.execute("DELETE FROM datum_task_logs")
        try await transaction.execute("DELETE FROM datum_tasks")
    }

    // MARK: Worker side

    /// Whether any task is waiting (a cheap read before trying to claim in a write).
    static func hasQueued(_ transaction: any SQLTransaction, pipeline: PipelineID?) async throws -> Bool {
        let (filter, binds) = queuedFilter(pipeline)
        return try await transaction.queryFirst("SELECT id FROM datum_tasks WHERE \(filter) LIMIT 1", binds) != nil
    }

    /// The condition for queued tasks, of `pipeline` when given.
    private static func queuedFilter(_ pipeline: PipelineID?) -> (sql: String, binds: [SQLValue]) {
        guard let pipeline else { return ("state = 0", []) }
        return ("state = 0 AND project = ? AND pipeline = ?", [.text(pipeline.project.value), .text(pipeline.name)])
    }

    /// Claims the oldest queued task (of `pipeline`, when given) for `worker` under a new lease.
    static func claim(
        _ transaction: any SQLTransaction, worker: String, pipeline: PipelineID?, lease: String, now: Timestamp
    ) async throws -> ClaimedDatumTask? {
        let (filter, binds) = queuedFilter(pipeline)
        let oldest = "SELECT id, kind, unit_json FROM datum_tasks WHERE \(filter) ORDER BY seq LIMIT 1"
        guard let row = try await transaction.queryFirst(oldest, binds) else { return nil }
        let id = try row.string("id")
        let kindText = try row.string("kind")
        guard let kind = DatumTaskKind(rawValue: kindText) else {
            throw TuskError.internal("datum task \(id) has the unknown kind \"\(kindText)\" (written by a newer daemon?)")
        }
        let unit = try JSONDecoder().decode(DatumWorkUnit.self, from: Data(try row.string("unit_json").utf8))
        try await transaction.execute(
            """
            UPDATE datum_tasks SET state = 1, lease = ?, worker = ?, claims = claims + 1, heartbeat = heartbeat + 1, claimed_at = ?
            WHERE id = ? AND state = 0
            """,
            [.text(lease), .text(worker), .integer(now.microseconds), .text(id)])
        return ClaimedDatumTask(id: id, kind: kind, lease: lease, unit: unit)
    }

    /// Proves the worker alive and hands over its log lines; false when the lease is gone.
    static func heartbeat(
        _ transaction: any SQLTransaction, task: ClaimedDatumTask, logs: [(Int64, DatumLogLine)]
    ) async throws -> Bool {
        let changed = try await transaction.execute(
            "UPDATE datum_tasks SET heartbeat = heartbeat + 1 WHERE id = ? AND lease = ? AND state = 1",
            [.text(task.id), .text(task.lease)])
        guard changed == 1 else { return false }
        try await insertLogs(transaction, task: task, logs: logs)
        return true
    }

    /// Records the result; false (and nothing written) when the lease is gone.
    static func complete(
        _ transaction: any SQLTransaction, task: ClaimedDatumTask, result: DatumTaskResult, logs: [(Int64, DatumLogLine)], now: Timestamp
    ) async throws -> Bool {
        let resultJSON = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        let changed = try await transaction.execute(
            "UPDATE datum_tasks SET state = 2, result_json = ?, finished_at = ? WHERE id = ? AND lease = ? AND state = 1",
            [.text(resultJSON), .integer(now.microseconds), .text(task.id), .text(task.lease)])
        guard changed == 1 else { return false }
        try await insertLogs(transaction, task: task, logs: logs)
        return true
    }

    private static func insertLogs(_ transaction: any SQLTransaction, task: ClaimedDatumTask, logs: [(Int64, DatumLogLine)]) async throws {
        for (sequence, line) in logs {
            try await transaction.execute(
                "INSERT INTO datum_task_logs (task_id, lease, seq, stream, message, ts) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(task.id), .text(task.lease), .integer(sequence), .text(line.stream.rawValue), .text(line.text),
                 .integer(line.timestamp.microseconds)])
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
