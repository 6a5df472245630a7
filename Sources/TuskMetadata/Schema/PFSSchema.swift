/// The tables of the versioned file system's metadata: projects, repos, commits, branches, provenance.
///
/// It exists so that the schema is declared once, in portable SQL, and reaches every database
/// through the `Migrator`. Timestamps are microseconds since the Unix epoch (`BIGINT`); ids are
/// text. Commit `state`: 1 open (started), 3 finishing, 4 finished. `seq` orders a repo's commits
/// by creation. The PFS engine owns the queries against these tables.
public enum PFSSchema {
    /// Every migration of the PFS schema, oldest first. Append new ones; never edit a released one.
    public static let migrations: [Migration] = [initialSchema]

    /// The newest schema version this binary knows.
    public static var newestVersion: Int { migrations.last?.version ?? 0 }

    static let initialSchema = Migration(
        version: 1,
        name: "pfs-initial-schema",
        statements: [
            "CREATE TABLE cluster_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE projects (
                name TEXT PRIMARY KEY,
                description TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE repos (
                id TEXT PRIMARY KEY,
                project TEXT NOT NULL REFERENCES projects(name),
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL,
                UNIQUE (project, name, type)
            )
            """,
            """
            CREATE TABLE commits (
                repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
                id TEXT NOT NULL,
                branch TEXT,
                parent_id TEXT,
                origin INTEGER NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                state INTEGER NOT NULL,
                error TEXT NOT NULL DEFAULT '',
                tree TEXT NOT NULL,
                size_bytes BIGINT NOT NULL DEFAULT 0,
                file_count BIGINT NOT NULL DEFAULT 0,
                started_at BIGINT NOT NULL,
                finishing_at BIGINT,
                finished_at BIGINT,
                seq BIGINT NOT NULL,
                PRIMARY KEY (repo_id, id)
            )
            """,
            "CREATE INDEX commits_by_id ON commits (id)",
            "CREATE INDEX commits_by_parent ON commits (repo_id, parent_id)",
            """
            CREATE TABLE branches (
                repo_id TEXT NOT NULL REFERENCES repos(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                head_id TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (repo_id, name)
            )
            """,
            """
            CREATE TABLE commit_provenance (
                repo_id TEXT NOT NULL,
                commit_id TEXT NOT NULL,
                from_repo_id TEXT NOT NULL,
                from_commit_id TEXT NOT NULL,
                PRIMARY KEY (repo_id, commit_id, from_repo_id, from_commit_id)
            )
            """,
            """
            CREATE TABLE branch_provenance (
                repo_id TEXT NOT NULL,
                branch TEXT NOT NULL,
                from_repo_id TEXT NOT NULL,
                from_branch TEXT NOT NULL,
                PRIMARY KEY (repo_id, branch, from_repo_id, from_branch)
            )
            """,
        ]
    )
}
