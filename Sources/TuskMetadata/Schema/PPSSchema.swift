/// The tables of the pipeline system: pipelines and their versions, jobs, datums and logs.
///
/// Declared in portable SQL like `PFSSchema`, and applied by the same `Migrator` in one ordered
/// list (`TuskSchema`). Times are microseconds since the Unix epoch; durations are seconds in
/// `DOUBLE PRECISION`; datum and pipeline states use Pachyderm's enum numbers (`DatumState`,
/// `PipelineState`), so the API layer can pass them through; a job's state is stored by its
/// name (`JobState`'s raw value, e.g. `JOB_RUNNING`), hence `jobs.state TEXT` (PostgreSQL,
/// unlike SQLite, refuses text in an `INTEGER` column).
public enum PPSSchema {
    public static let migrations: [Migration] = [initialSchema, datumTasks]

    static let initialSchema = Migration(
        version: 2,
        name: "pps-initial-schema",
        statements: [
            """
            CREATE TABLE pipelines (
                project TEXT NOT NULL, name TEXT NOT NULL, version BIGINT NOT NULL,
                spec_json TEXT NOT NULL, user_spec_json TEXT NOT NULL, salt TEXT NOT NULL,
                stopped INTEGER NOT NULL DEFAULT 0, state INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (project, name))
            """,
            """
            CREATE TABLE pipeline_versions (
                project TEXT NOT NULL, name TEXT NOT NULL, version BIGINT NOT NULL,
                spec_json TEXT NOT NULL, user_spec_json TEXT NOT NULL, salt TEXT NOT NULL, created_at BIGINT NOT NULL,
                PRIMARY KEY (project, name, version))
            """,
            """
            CREATE TABLE jobs (
                project TEXT NOT NULL, pipeline TEXT NOT NULL, id TEXT NOT NULL, pipeline_version BIGINT NOT NULL,
                state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
                data_total BIGINT NOT NULL DEFAULT 0, data_processed BIGINT NOT NULL DEFAULT 0,
                data_skipped BIGINT NOT NULL DEFAULT 0, data_failed BIGINT NOT NULL DEFAULT 0,
                data_recovered BIGINT NOT NULL DEFAULT 0, restart BIGINT NOT NULL DEFAULT 0,
                download_seconds DOUBLE PRECISION NOT NULL DEFAULT 0, process_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
                upload_seconds DOUBLE PRECISION NOT NULL DEFAULT 0, download_bytes BIGINT NOT NULL DEFAULT 0,
                upload_bytes BIGINT NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, seq BIGINT NOT NULL,
                PRIMARY KEY (project, pipeline, id))
            """,
            "CREATE INDEX jobs_by_id ON jobs (id)",
            """
            CREATE TABLE datums (
                project TEXT NOT NULL, pipeline TEXT NOT NULL, job_id TEXT NOT NULL, id TEXT NOT NULL,
                hash TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                exit_code INTEGER, reason TEXT NOT NULL DEFAULT '', stderr_tail TEXT NOT NULL DEFAULT '',
                inputs_json TEXT NOT NULL, outputs_json TEXT NOT NULL DEFAULT '[]',
                download_seconds DOUBLE PRECISION NOT NULL DEFAULT 0, process_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
                upload_seconds DOUBLE PRECISION NOT NULL DEFAULT 0, download_bytes BIGINT NOT NULL DEFAULT 0,
                upload_bytes BIGINT NOT NULL DEFAULT 0, started_at BIGINT, finished_at BIGINT, seq BIGINT NOT NULL,
                PRIMARY KEY (project, pipeline, job_id, id))
            """,
            """
            CREATE TABLE logs (
                seq BIGINT PRIMARY KEY, project TEXT NOT NULL, pipeline TEXT NOT NULL, job_id TEXT NOT NULL DEFAULT '',
                datum_id TEXT NOT NULL DEFAULT '', worker TEXT NOT NULL DEFAULT '', user_code INTEGER NOT NULL DEFAULT 0,
                master INTEGER NOT NULL DEFAULT 0, ts BIGINT NOT NULL, message TEXT NOT NULL, data_json TEXT NOT NULL DEFAULT '[]')
            """,
            "CREATE INDEX logs_by_pipeline ON logs (project, pipeline, seq)",
            "CREATE INDEX logs_by_job ON logs (job_id, seq)",
        ])

    /// The queue through which the daemon hands datums to `tusk worker` processes.
    ///
    /// A task is one run of a datum (or of its `err_cmd`): `state` 0 queued, 1 leased, 2 done.
    /// A worker claims a queued task by writing its own random `lease`; every write it makes
    /// afterwards (heartbeat, logs, result) names that lease, so a worker whose lease was taken
    /// away (it stopped heartbeating and the daemon requeued the task) can no longer change the
    /// task. `heartbeat` is a counter the worker bumps; the daemon judges liveness by watching it
    /// change on its own clock, so workers' clocks never matter. `datum_task_logs` carries the
    /// user code's log lines from the worker to the daemon while the datum runs; the daemon deletes
    /// the lines it has passed on, and a task's row once its result is taken.
    static let datumTasks = Migration(
        version: 3,
        name: "pps-datum-tasks",
        statements: [
            """
            CREATE TABLE datum_tasks (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, project TEXT NOT NULL, pipeline TEXT NOT NULL,
                job_id TEXT NOT NULL, datum_id TEXT NOT NULL, unit_json TEXT NOT NULL,
                state INTEGER NOT NULL, lease TEXT NOT NULL DEFAULT '', worker TEXT NOT NULL DEFAULT '',
                heartbeat BIGINT NOT NULL DEFAULT 0, claims BIGINT NOT NULL DEFAULT 0,
                result_json TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
                claimed_at BIGINT, finished_at BIGINT, seq BIGINT NOT NULL)
            """,
            "CREATE INDEX datum_tasks_by_state ON datum_tasks (state, seq)",
            """
            CREATE TABLE datum_task_logs (
                task_id TEXT NOT NULL, lease TEXT NOT NULL, seq BIGINT NOT NULL, stream TEXT NOT NULL,
                message TEXT NOT NULL, ts BIGINT NOT NULL,
                PRIMARY KEY (task_id, lease, seq))
            """,
        ])
}

/// Every migration of Tusk's metadata, PFS and PPS together, in version order: the one list
/// every database is migrated with (two separate lists would each see the other's versions
/// as "newer than known").
public enum TuskSchema {
    public static let migrations: [Migration] = PFSSchema.migrations + PPSSchema.migrations
}
