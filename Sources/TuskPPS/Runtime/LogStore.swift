import Foundation
import Synchronization
import TuskCore
import TuskMetadata

/// Numbers and writes log lines one batch at a time, so sequence numbers follow arrival order.
actor LogWriter {
    private var nextSequence: Int64?

    func write(database: any SQLDatabase, take: @Sendable () -> [LogEntry]) async throws {
        let pending = take()
        guard !pending.isEmpty else { return }
        if nextSequence == nil {
            nextSequence = try await database.read { transaction in
                (try await transaction.query("SELECT COALESCE(MAX(seq), 0) AS top FROM logs", []).first?.int64("top") ?? 0) + 1
            }
        }
        var sequence = nextSequence ?? 1
        var numbered: [(Int64, LogEntry)] = []
        for entry in pending {
            numbered.append((sequence, entry))
            sequence += 1
        }
        nextSequence = sequence
        let rows = numbered
        try await database.write { transaction in
            for (sequence, entry) in rows {
                let data = (try? JSONEncoder().encode(entry.data)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
                try await transaction.execute(
                    """
                    INSERT INTO logs (seq, project, pipeline, job_id, datum_id, worker, user_code, master, ts, message, data_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.integer(sequence), .text(entry.pipeline.project.value), .text(entry.pipeline.name), .text(entry.jobID),
                     .text(entry.datumID), .text(entry.worker), .integer(entry.isUser ? 1 : 0), .integer(entry.isMaster ? 1 : 0),
                     .integer(entry.timestamp.microseconds), .text(entry.message), .text(data)])
            }
        }
    }
}

/// Keeps the logs of jobs, datums and user code in the metadata database: ordered by a
/// sequence number, filterable, kept across restarts, and followable without a log stack.
///
/// Lines are buffered and written in batches (one transaction per batch), so chatty user code
/// does not cost a transaction per line.
final class LogStore: Sendable {
    let database: any SQLDatabase
    let clock: any WallClock
    private let buffer = Mutex<[LogEntry]>([])
    private let writer = LogWriter()

    init(database: any SQLDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Queues a line; lines keep the order of the calls. They reach the database at the
    /// next `flush` (the scheduler flushes every 100 ms, and every query flushes first).
    func append(_ entry: LogEntry) {
        buffer.withLock { $0.append(entry) }
    }

    /// Writes every queued line now, in one transaction.
    func flush() async throws {
        try await writer.write(database: database) { self.buffer.withLock { lines in
            let taken = lines
            lines = []
            return taken
        } }
    }

    /// Stored lines matching the query with a sequence above `after`, in order.
    func entries(_ query: LogQuery, after: Int64) async throws -> [LogEntry] {
        try await flush()
        var sql = "SELECT seq, project, pipeline, job_id, datum_id, worker, user_code, master, ts, message, data_json FROM logs WHERE seq > ?"
        var binds: [SQLValue] = [.integer(after)]
        if let pipeline = query.pipeline {
            sql += " AND project = ? AND pipeline = ?"
            binds += [.text(pipeline.project.value), .text(pipeline.name)]
        }
        if let job = query.jobID {
            sql += " AND job_id = ?"
            binds.append(.text(job.value))
        }
        if let datum = query.datumID {
            sql += " AND datum_id = ?"
            binds.append(.text(datum))
        }
        if !query.includeMaster {
            sql += " AND user_code = 1"
        }
        if let since = query.since {
            sql += " AND ts >= ?"
            binds.append(.integer(since.microseconds))
        }
        sql += " ORDER BY seq"
        let statement = sql
        let values = binds
        let rows = try await database.read { transaction in try await transaction.query(statement, values) }
        var entries: [LogEntry] = []
        for row in rows {
            let data = (try? JSONDecoder().decode([DatumInputRecord].self, from: Data(try row.string("data_json").utf8))) ?? []
            let entry = LogEntry(
                sequence: try row.int64("seq"),
                pipeline: PipelineID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("pipeline")),
                jobID: try row.string("job_id"), datumID: try row.string("datum_id"), worker: try row.string("worker"),
                isUser: try row.bool("user_code"), isMaster: try row.bool("master"),
                timestamp: Timestamp(microseconds: try row.int64("ts")), message: try row.string("message"), data: data)
            if !query.dataFilters.isEmpty {
                let matches = entry.data.contains { input in
                    query.dataFilters.contains { $0 == input.path || $0 == input.hash || "/" + $0 == input.path }
                }
                if !matches { continue }
            }
            entries.append(entry)
        }
        return entries
    }
}

extension PipelineSystem {
    /// Log lines matching the query, oldest first; with `follow`, keeps streaming new lines
    /// until the consumer stops.
    public func logs(_ query: LogQuery) -> AsyncThrowingStream<LogEntry, any Error> {
        let store = logStore
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    let existing = try await store.entries(query, after: 0)
                    var cursor = existing.last?.sequence ?? 0
                    for entry in query.tail > 0 ? Array(existing.suffix(query.tail)) : existing {
                        continuation.yield(entry)
                    }
                    while query.follow && !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(250))
                        for entry in try await store.entries(query, after: cursor) {
                            continuation.yield(entry)
                            cursor = entry.sequence
                        }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func log(_ pipeline: PipelineID, job: String = "", datum: String = "", user: Bool = false, message: String, data: [DatumInputRecord] = []) {
        let entry = LogEntry(
            sequence: 0, pipeline: pipeline, jobID: job, datumID: datum, worker: "embedded", isUser: user, isMaster: !user,
            timestamp: clock.now(), message: message, data: data)
        logStore.append(entry)
    }
}
