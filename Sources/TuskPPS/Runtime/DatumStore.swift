import Foundation
import TuskCore
import TuskMetadata
import TuskPFS

/// A stored datum of a job, including the output paths it wrote (so a later job can delete
/// or keep them as a unit).
struct DatumRow: Sendable {
    var job: JobKey
    var id: String
    var hash: String
    var state: DatumState
    var attempts: Int
    var exitCode: Int?
    var reason: String
    var stderrTail: String
    var inputs: [DatumInputRecord]
    var outputs: [String]
    var stats: ProcessStatistics
    var startedAt: Timestamp?
    var finishedAt: Timestamp?
}

/// SQL for the `datums` table.
enum DatumStore {
    static let columns = """
        project, pipeline, job_id, id, hash, state, attempts, exit_code, reason, stderr_tail, inputs_json, outputs_json, \
        download_seconds, process_seconds, upload_seconds, download_bytes, upload_bytes, started_at, finished_at, seq
        """

    static func save(_ transaction: any SQLTransaction, _ row: DatumRow, sequence: Int64) async throws {
        let inputs = String(decoding: try JSONEncoder().encode(row.inputs), as: UTF8.self)
        let outputs = String(decoding: try JSONEncoder().encode(row.outputs), as: UTF8.self)
        try await transaction.execute(
            """
            INSERT INTO datums (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project, pipeline, job_id, id) DO UPDATE SET hash = excluded.hash, state = excluded.state,
              attempts = excluded.attempts, exit_code = excluded.exit_code, reason = excluded.reason,
              stderr_tail = excluded.stderr_tail, inputs_json = excluded.inputs_json, outputs_json = excluded.outputs_json,
              download_seconds = excluded.download_seconds, process_seconds = excluded.process_seconds,
              upload_seconds = excluded.upload_seconds, download_bytes = excluded.download_bytes,
              upload_bytes = excluded.upload_bytes, started_at = excluded.started_at, finished_at = excluded.finished_at
            """,
            [.text(row.job.pipeline.project.value), .text(row.job.pipeline.name), .text(row.job.id.value), .text(row.id), .text(row.hash),
             .integer(Int64(row.state.rawValue)), .integer(Int64(row.attempts)), row.exitCode.map { .integer(Int64($0)) } ?? .null,
             .text(row.reason), .text(row.stderrTail), .text(inputs), .text(outputs), .real(row.stats.downloadSeconds),
             .real(row.stats.processSeconds), .real(row.stats.uploadSeconds), .integer(row.stats.downloadBytes),
             .integer(row.stats.uploadBytes), row.startedAt.map { .integer($0.microseconds) } ?? .null,
             row.finishedAt.map { .integer($0.microseconds) } ?? .null, .integer(sequence)])
    }

    /// Inserts many new rows with multi-row `INSERT`s (a job plans thousands of datums at once).
    static func insertAll(_ transaction: any SQLTransaction, _ rows: [(row: DatumRow, sequence: Int64)]) async throws {
        let encoder = JSONEncoder()
        let placeholders = "(" + Array(repeating: "?", count: 20).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + 200, rows.count)]
            var binds: [SQLValue] = []
            binds.reserveCapacity(batch.count * 20)
            for (row, sequence) in batch {
                binds += [
                    .text(row.job.pipeline.project.value), .text(row.job.pipeline.name), .text(row.job.id.value), .text(row.id),
                    .text(row.hash), .integer(Int64(row.state.rawValue)), .integer(Int64(row.attempts)),
                    row.exitCode.map { .integer(Int64($0)) } ?? .null, .text(row.reason), .text(row.stderrTail),
                    .text(String(decoding: try encoder.encode(row.inputs), as: UTF8.self)),
                    .text(String(decoding: try encoder.encode(row.outputs), as: UTF8.self)),
                    .real(row.stats.downloadSeconds), .real(row.stats.processSeconds), .real(row.stats.uploadSeconds),
                    .integer(row.stats.downloadBytes), .integer(row.stats.uploadBytes),
                    row.startedAt.map { .integer($0.microseconds) } ?? .null, row.finishedAt.map { .integer($0.microseconds) } ?? .null,
                    .integer(sequence),
                ]
            }
            let values = Array(repeating: placeholders, count: batch.count).joined(separator: ", ")
            try await transaction.execute("INSERT INTO datums (\(columns)) VALUES \(values)", binds)
            start += 200
        }
    }

    static func datums(_ transaction: any SQLTransaction, job: JobKey) async throws -> [DatumRow] {
        try await transaction.query(
            "SELECT \(columns) FROM datums WHERE project = ? AND pipeline = ? AND job_id = ? ORDER BY seq",
            [.text(job.pipeline.project.value), .text(job.pipeline.name), .text(job.id.value)]
        ).map(datumRow)
    }

    static func datumRow(_ row: SQLRow) throws -> DatumRow {
        let stats = try ProcessStatistics(row: row)
        let decoder = JSONDecoder()
        return DatumRow(
            job: JobKey(pipeline: PipelineID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("pipeline")),
                        id: CommitID(trusted: try row.string("job_id"))),
            id: try row.string("id"), hash: try row.string("hash"),
            state: DatumState(rawValue: try row.int("state")) ?? .failed, attempts: try row.int("attempts"),
            exitCode: try row.optionalInt64("exit_code").map { Int($0) }, reason: try row.string("reason"),
            stderrTail: try row.string("stderr_tail"),
            inputs: (try? decoder.decode([DatumInputRecord].self, from: Data(try row.string("inputs_json").utf8))) ?? [],
            outputs: (try? decoder.decode([String].self, from: Data(try row.string("outputs_json").utf8))) ?? [],
            stats: stats, startedAt: try row.optionalInt64("started_at").map(Timestamp.init(microseconds:)),
            finishedAt: try row.optionalInt64("finished_at").map(Timestamp.init(microseconds:)))
    }

    static func info(_ row: DatumRow) -> DatumInfo {
        DatumInfo(job: row.job, id: row.id, hash: row.hash, state: row.state, attempts: row.attempts, exitCode: row.exitCode,
                  reason: row.reason, stderrTail: row.stderrTail, inputs: row.inputs, stats: row.stats,
                  startedAt: row.startedAt, finishedAt: row.finishedAt)
    }
}
