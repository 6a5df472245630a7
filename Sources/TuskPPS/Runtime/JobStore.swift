import Foundation
import TuskCore
import TuskMetadata
import TuskPFS

/// SQL for the `jobs` and `datums` tables.
enum JobStore {
    static let jobColumns = """
        project, pipeline, id, pipeline_version, state, reason, data_total, data_processed, data_skipped, data_failed, \
        data_recovered, restart, download_seconds, process_seconds, upload_seconds, download_bytes, upload_bytes, \
        created_at, started_at, finished_at, seq
        """

    struct JobRow: Sendable {
        var key: JobKey
        var pipelineVersion: Int
        var state: JobState
        var reason: String
        var counters: JobCounters
        var restart: Int
        var stats: ProcessStatistics
        var createdAt: Timestamp
        var startedAt: Timestamp?
        var finishedAt: Timestamp?
        var sequence: Int64
    }

    static func insertIfAbsent(_ transaction: any SQLTransaction, key: JobKey, version: Int, now: Timestamp) async throws -> Bool {
        let top = try await transaction.query("SELECT COALESCE(MAX(seq), 0) AS top FROM jobs", []).first?.int64("top") ?? 0
        let changed = try await transaction.execute(
            """
            INSERT INTO jobs (project, pipeline, id, pipeline_version, state, reason, created_at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project, pipeline, id) DO NOTHING
            """,
            [.text(key.pipeline.project.value), .text(key.pipeline.name), .text(key.id.value), .integer(Int64(version)),
             .text(JobState.created.rawValue), .text("waiting for its input commits and the previous job of the pipeline to finish"),
             .integer(now.microseconds), .integer(top + 1)])
        return changed == 1
    }

    static func job(_ transaction: any SQLTransaction, _ key: JobKey) async throws -> JobRow? {
        try await transaction.query("SELECT \(jobColumns) FROM jobs WHERE project = ? AND pipeline = ? AND id = ?",
                                    [.text(key.pipeline.project.value), .text(key.pipeline.name), .text(key.id.value)]).first.map(jobRow)
    }

    static func jobs(_ transaction: any SQLTransaction, pipeline: PipelineID?, projects: [ProjectName], id: CommitID? = nil) async throws -> [JobRow] {
        var sql = "SELECT \(jobColumns) FROM jobs WHERE 1 = 1"
        var binds: [SQLValue] = []
        if let pipeline {
            sql += " AND project = ? AND pipeline = ?"
            binds += [.text(pipeline.project.value), .text(pipeline.name)]
        } else if !projects.isEmpty {
            sql += " AND project IN (" + projects.map { _ in "?" }.joined(separator: ", ") + ")"
            binds += projects.map { .text($0.value) }
        }
        if let id {
            sql += " AND id = ?"
            binds.append(.text(id.value))
        }
        return try await transaction.query(sql + " ORDER BY seq DESC", binds).map(jobRow)
    }

    static func update(_ transaction: any SQLTransaction, _ row: JobRow) async throws {
        try await transaction.execute(
            """
            UPDATE jobs SET state = ?, reason = ?, data_total = ?, data_processed = ?, data_skipped = ?, data_failed = ?,
              data_recovered = ?, restart = ?, download_seconds = ?, process_seconds = ?, upload_seconds = ?,
              download_bytes = ?, upload_bytes = ?, started_at = ?, finished_at = ?
            WHERE project = ? AND pipeline = ? AND id = ?
            """,
            [.text(row.state.rawValue), .text(row.reason), .integer(Int64(row.counters.total)), .integer(Int64(row.counters.processed)),
             .integer(Int64(row.counters.skipped)), .integer(Int64(row.counters.failed)), .integer(Int64(row.counters.recovered)),
             .integer(Int64(row.restart)), .real(row.stats.downloadSeconds), .real(row.stats.processSeconds), .real(row.stats.uploadSeconds),
             .integer(row.stats.downloadBytes), .integer(row.stats.uploadBytes),
             row.startedAt.map { .integer($0.microseconds) } ?? .null, row.finishedAt.map { .integer($0.microseconds) } ?? .null,
             .text(row.key.pipeline.project.value), .text(row.key.pipeline.name), .text(row.key.id.value)])
    }

    static func delete(_ transaction: any SQLTransaction, _ key: JobKey) async throws {
        let binds: [SQLValue] = [.text(key.pipeline.project.value), .text(key.pipeline.name), .text(key.id.value)]
        try await transaction.execute("DELETE FROM jobs WHERE project = ? AND pipeline = ? AND id = ?", binds)
        try await transaction.execute("DELETE FROM datums WHERE project = ? AND pipeline = ? AND job_id = ?", binds)
    }

    static func jobRow(_ row: SQLRow) throws -> JobRow {
        var counters = JobCounters()
        counters.total = try row.int("data_total")
        counters.processed = try row.int("data_processed")
        counters.skipped = try row.int("data_skipped")
        counters.failed = try row.int("data_failed")
        counters.recovered = try row.int("data_recovered")
        let stats = try ProcessStatistics(row: row)
        return JobRow(
            key: JobKey(pipeline: PipelineID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("pipeline")),
                        id: CommitID(trusted: try row.string("id"))),
            pipelineVersion: try row.int("pipeline_version"),
            state: JobState(rawValue: try row.string("state")) ?? .failure, reason: try row.string("reason"), counters: counters,
            restart: try row.int("restart"), stats: stats, createdAt: Timestamp(microseconds: try row.int64("created_at")),
            startedAt: try row.optionalInt64("started_at").map(Timestamp.init(microseconds:)),
            finishedAt: try row.optionalInt64("finished_at").map(Timestamp.init(microseconds:)), sequence: try row.int64("seq"))
    }
}
