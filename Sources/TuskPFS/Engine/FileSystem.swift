import Logging
import TuskCore
import TuskMetadata
import TuskStorage

/// The versioned file system: projects, repos, branches, commits and the files in them.
///
/// It is the one place where metadata (SQL: names, heads, lineage, states) meets storage
/// (content-addressed chunks and tree nodes). The rules that keep the two consistent live
/// here: objects are written and made durable (`sync`) before any metadata row refers to
/// them; every metadata change is one transaction; branch heads move by compare-and-swap.
/// Front ends (gRPC, HTTP, workers) call it with typed values and get typed values back.
public final class FileSystem: Sendable {
    let database: any SQLDatabase
    let contents: ContentStore
    let trees: TreeStore
    let clock: any WallClock
    let logger: Logger
    let urlFetcher: (any URLFetcher)?
    let waiters = CommitWaiters()
    let commitLocks = KeyedLock()
    /// One branch write at a time per branch in this process, so this process's writers queue
    /// instead of racing each other's compare-and-swap; other processes sharing the database
    /// (daemons on PostgreSQL) still race, and the bounded retry settles that.
    let branchLocks = KeyedLock()

    /// Builds the file system over an opened database and object store, applying schema
    /// migrations and creating the `default` project on first use.
    public static func open(
        database: any SQLDatabase,
        objects: any ObjectStore,
        clock: any WallClock = SystemWallClock(),
        urlFetcher: (any URLFetcher)? = nil,
        logger: Logger = Logger(label: "tusk.pfs"),
        databaseDescription: String = "metadata database"
    ) async throws -> FileSystem {
        _ = try await Migrator.migrate(database, TuskSchema.migrations, databaseDescription: databaseDescription)
        let fileSystem = FileSystem(database: database, objects: objects, clock: clock, urlFetcher: urlFetcher, logger: logger)
        let now = clock.now()
        _ = try await database.write { transaction in
            try await transaction.execute(
                "INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                [.text(ProjectName.default.value), .text("The default project."), .integer(now.microseconds)])
        }
        return fileSystem
    }

    init(database: any SQLDatabase, objects: any ObjectStore, clock: any WallClock, urlFetcher: (any URLFetcher)?, logger: Logger) {
        self.database = database
        self.contents = ContentStore(objects: objects)
        self.trees = TreeStore(objects: objects)
        self.clock = clock
        self.urlFetcher = urlFetcher
        self.logger = logger
    }

    /// Calls `handler` after every commit is created, finished or dropped, so components that
    /// react to new data (the pipeline scheduler) wake at once instead of at their next poll.
    public func observeCommitChanges(_ handler: @escaping @Sendable () -> Void) async {
        await waiters.observe(handler)
    }

    /// A stable id for this data directory, created on first use (reported as the cluster's deployment id).
    public func deploymentID() async throws -> String {
        let fresh = CommitID.random().value
        return try await database.write { transaction in
            try await transaction.execute(
                "INSERT INTO cluster_settings (key, value) VALUES ('deployment_id', ?) ON CONFLICT (key) DO NOTHING", [.text(fresh)])
            let rows = try await transaction.query("SELECT value FROM cluster_settings WHERE key = 'deployment_id'", [])
            return try rows.first?.string("value") ?? fresh
        }
    }
}

/// Fetches the bytes behind a URL for `put file` from http(s) and object-store URLs.
///
/// PFS stays free of network clients; the server injects an implementation.
public protocol URLFetcher: Sendable {
    func fetch(_ url: String) async throws -> AsyncThrowingStream<[UInt8], any Error>
}
