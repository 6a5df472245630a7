import Foundation
import Testing
import TuskCore
import TuskMetadata
import TuskMetadataPostgres
import TuskPFS
import TuskStorage
import TuskTesting

/// Several daemons (here: two file systems in one process, each with its own connection pool,
/// as two `tusk serve` processes would have) writing to one branch of one PostgreSQL database:
/// history stays linear and no acknowledged commit is lost.
@Suite struct ConcurrentDaemonsTests {
    @Test func twoFileSystemsCommittingToOneBranchKeepEveryCommitInOneLine() async throws {
        let url = try PostgresTestServer.freshDatabaseURL()
        let directory = try TemporaryDirectory(prefix: "tusk-daemons")
        let objects = try LocalObjectStore(rootPath: directory.appending("objects"))
        let first = try await PostgresDatabase.open(url: url, createIfMissing: true)
        let second = try await PostgresDatabase.open(url: url)
        let daemons = [try await FileSystem.open(database: first, objects: objects), try await FileSystem.open(database: second, objects: objects)]
        let repo = try RepoID(name: "shared")
        try await daemons[0].createRepo(repo, description: "", update: false)
        let master = BranchID(trustedRepo: repo, name: "master")
        let perDaemon = 12

        let acknowledged = try await withThrowingTaskGroup(of: CommitID.self) { group in
            for (index, daemon) in daemons.enumerated() {
                for number in 0..<perDaemon {
                    group.addTask {
                        let path = try FilePath(validating: "/daemon\(index)/file\(number)")
                        return try await daemon.modifyFiles(.branch(master), FileOperationList([.append(path: path, data: Data("\(index)-\(number)".utf8))]))
                    }
                }
            }
            var ids: [CommitID] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(acknowledged.count == 2 * perDaemon)
        #expect(Set(acknowledged).count == acknowledged.count)

        // One line of history through every acknowledged commit, seen the same from both daemons.
        for daemon in daemons {
            let commits = try await daemon.listCommits(repo)
            let byID = Dictionary(uniqueKeysWithValues: commits.map { ($0.id, $0) })
            var walked: [CommitID] = []
            var cursor = try await daemon.inspectBranch(master).head
            while let id = cursor, let commit = byID[id] {
                walked.append(id)
                cursor = commit.parent
            }
            #expect(walked.count == commits.count, "every commit of the repo is on the branch's one line")
            #expect(Set(acknowledged).isSubset(of: Set(walked)))
            // The head holds every file any acknowledged commit wrote.
            let files = Counter()
            try await daemon.walkFiles(.head(of: master), path: .root) { info in
                if !info.isDirectory { await files.add() }
                return true
            }
            #expect(await files.count == 2 * perDaemon)
        }
        try await first.close()
        try await second.close()
    }
}

/// Counts what a `walkFiles` visitor sees.
actor Counter {
    private(set) var count = 0
    func add() { count += 1 }
}
