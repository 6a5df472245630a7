import Foundation
import TuskCore
import TuskMetadata
import TuskPFS

/// A stored pipeline row: the current version's spec and runtime flags.
struct PipelineRow: Sendable {
    var id: PipelineID
    var version: Int
    var specJSON: String
    var userSpecJSON: String
    var salt: String
    var stopped: Bool
    var state: PipelineState
    var reason: String
    var createdAt: Timestamp
    var updatedAt: Timestamp
}

/// SQL for the `pipelines`, `pipeline_versions`, `jobs` and `datums` tables.
enum PipelineStore {
    static let pipelineColumns = "project, name, version, spec_json, user_spec_json, salt, stopped, state, reason, created_at, updated_at"

    static func pipeline(_ transaction: any SQLTransaction, _ id: PipelineID) async throws -> PipelineRow? {
        try await transaction.query("SELECT \(pipelineColumns) FROM pipelines WHERE project = ? AND name = ?", [.text(id.project.value), .text(id.name)])
            .first.map(pipelineRow)
    }

    static func requirePipeline(_ transaction: any SQLTransaction, _ id: PipelineID) async throws -> PipelineRow {
        guard let row = try await pipeline(transaction, id) else {
            throw TuskError.notFound("pipeline \"\(id.name)\" not found in project \"\(id.project)\"; list pipelines with `tusk list pipeline`", location: id.description)
        }
        return row
    }

    static func pipelines(_ transaction: any SQLTransaction, projects: [ProjectName]) async throws -> [PipelineRow] {
        var sql = "SELECT \(pipelineColumns) FROM pipelines"
        var binds: [SQLValue] = []
        if !projects.isEmpty {
            sql += " WHERE project IN (" + projects.map { _ in "?" }.joined(separator: ", ") + ")"
            binds = projects.map { .text($0.value) }
        }
        return try await transaction.query(sql + " ORDER BY project, name", binds).map(pipelineRow)
    }

    static func history(_ transaction: any SQLTransaction, _ id: PipelineID) async throws -> [(version: Int, specJSON: String, userSpecJSON: String, salt: String, createdAt: Timestamp)] {
        try await transaction.query(
            "SELECT version, spec_json, user_spec_json, salt, created_at FROM pipeline_versions WHERE project = ? AND name = ? ORDER BY version DESC",
            [.text(id.project.value), .text(id.name)]
        ).map { (Int(try $0.int64("version")), try $0.string("spec_json"), try $0.string("user_spec_json"), try $0.string("salt"),
                 Timestamp(microseconds: try $0.int64("created_at"))) }
    }

    static func save(_ transaction: any SQLTransaction, _ row: PipelineRow) async throws {
        try await transaction.execute(
            """
            INSERT INTO pipelines (\(pipelineColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project, name) DO UPDATE SET version = excluded.version, spec_json = excluded.spec_json,
              user_spec_json = excluded.user_spec_json, salt = excluded.salt, stopped = excluded.stopped,
              state = excluded.state, reason = excluded.reason, updated_at = excluded.updated_at
            """,
            [.text(row.id.project.value), .text(row.id.name), .integer(Int64(row.version)), .text(row.specJSON), .text(row.userSpecJSON),
             .text(row.salt), .integer(row.stopped ? 1 : 0), .integer(Int64(row.state.rawValue)), .text(row.reason),
             .integer(row.createdAt.microseconds), .integer(row.updatedAt.microseconds)])
        try await transaction.execute(
            """
            INSERT INTO pipeline_versions (project, name, version, spec_json, user_spec_json, salt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project, name, version) DO NOTHING
            """,
            [.text(row.id.project.value), .text(row.id.name), .integer(Int64(row.version)), .text(row.specJSON), .text(row.userSpecJSON),
             .text(row.salt), .integer(row.updatedAt.microseconds)])
    }

    static func setState(_ transaction: any SQLTransaction, _ id: PipelineID, state: PipelineState, reason: String, stopped: Bool?, now: Timestamp) async throws {
        var sql = "UPDATE pipelines SET state = ?, reason = ?, updated_at = ?"
        var binds: [SQLValue] = [.integer(Int64(state.rawValue)), .text(reason), .integer(now.microseconds)]
        if let stopped {
            sql += ", stopped = ?"
            binds.append(.integer(stopped ? 1 : 0))
        }
        try await transaction.execute(sql + " WHERE project = ? AND name = ?", binds + [.text(id.project.value), .text(id.name)])
    }

    static func delete(_ transaction: any SQLTransaction, _ id: PipelineID) async throws {
        let binds: [SQLValue] = [.text(id.project.value), .text(id.name)]
        try await transaction.execute("DELETE FROM pipelines WHERE project = ? AND name = ?", binds)
        try await transaction.execute("DELETE FROM pipeline_versions WHERE project = ? AND name = ?", binds)
        try await transaction.execute("DELETE FROM jobs WHERE project = ? AND pipeline = ?", binds)
        try await transaction.execute("DELETE FROM datums WHERE project = ? AND pipeline = ?", binds)
        try await transaction.execute("DELETE FROM logs WHERE project = ? AND pipeline = ?", binds)
    }

    static func pipelineRow(_ row: SQLRow) throws -> PipelineRow {
        PipelineRow(
            id: PipelineID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("name")),
            version: Int(try row.int64("version")), specJSON: try row.string("spec_json"), userSpecJSON: try row.string("user_spec_json"),
            salt: try row.string("salt"), stopped: try row.bool("stopped"),
            state: PipelineState(rawValue: Int(try row.int64("state"))) ?? .running, reason: try row.string("reason"),
            createdAt: Timestamp(microseconds: try row.int64("created_at")), updatedAt: Timestamp(microseconds: try row.int64("updated_at")))
    }
}
