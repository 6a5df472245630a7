import TuskCore
import TuskMetadata

/// How many datum tasks of one pipeline wait for a worker or are being run by one.
public struct PendingDatumTasks: Sendable, Equatable {
    public var queued: Int
    public var leased: Int

    public init(queued: Int = 0, leased: Int = 0) {
        self.queued = queued
        self.leased = leased
    }

    /// Queued and leased together: the work that still needs a worker pod.
    public var total: Int { queued + leased }
}

extension DatumTaskQueue {
    /// The queued and leased tasks of every pipeline that has any, read in one query. Used to
    /// scale the workers of a `standby` pipeline up while it has work and down to zero after.
    public static func pendingCounts(_ database: any SQLDatabase) async throws -> [PipelineID: PendingDatumTasks] {
        let rows = try await database.read { transaction in
            try await transaction.query(
                """
                SELECT project, pipeline, state, COUNT(*) AS tasks FROM datum_tasks
                WHERE state IN (?, ?) GROUP BY project, pipeline, state
                """,
                [.integer(State.queued.rawValue), .integer(State.leased.rawValue)])
        }
        var counts: [PipelineID: PendingDatumTasks] = [:]
        for row in rows {
            let pipeline = PipelineID(trustedProject: ProjectName(trusted: try row.string("project")), name: try row.string("pipeline"))
            let tasks = try row.int("tasks")
            if try row.int64("state") == State.leased.rawValue {
                counts[pipeline, default: PendingDatumTasks()].leased += tasks
            } else {
                counts[pipeline, default: PendingDatumTasks()].queued += tasks
            }
        }
        return counts
    }
}
