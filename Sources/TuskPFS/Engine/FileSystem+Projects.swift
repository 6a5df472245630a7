import TuskCore
import TuskMetadata

extension FileSystem {
    /// Creates a project, or with `update` changes the description of an existing one.
    public func createProject(_ name: ProjectName, description: String, update: Bool) async throws {
        let now = clock.now()
        try await database.write { transaction in
            if try await RepoRecords.project(transaction, name) != nil {
                guard update else {
                    throw TuskError.alreadyExists("project \"\(name)\" already exists; use `tusk update project` to change its description", location: name.value)
                }
                try await transaction.execute("UPDATE projects SET description = ? WHERE name = ?", [.text(description), .text(name.value)])
                return
            }
            try await transaction.execute(
                "INSERT INTO projects (name, description, created_at) VALUES (?, ?, ?)",
                [.text(name.value), .text(description), .integer(now.microseconds)])
        }
    }

    public func inspectProject(_ name: ProjectName) async throws -> ProjectInfo {
        try await database.read { transaction in
            try await RepoRecords.requireProject(transaction, name)
        }
    }

    public func listProjects() async throws -> [ProjectInfo] {
        try await database.read { transaction in
            try await RepoRecords.projects(transaction)
        }
    }

    /// Deletes a project. It must hold no repos unless `force`, which deletes them too.
    public func deleteProject(_ name: ProjectName, force: Bool) async throws {
        let repos = try await database.read { transaction in
            _ = try await RepoRecords.requireProject(transaction, name)
            return try await RepoRecords.repos(transaction, projects: [name], type: nil)
        }
        if !repos.isEmpty && !force {
            let names = repos.prefix(5).map { $0.repo.name }.joined(separator: ", ")
            throw TuskError.precondition(
                "project \"\(name)\" still holds \(repos.count) repo(s) (\(names)); delete them first or use --force", location: name.value)
        }
        try await database.write { transaction in
            for repo in repos {
                try await Self.deleteRepoRows(transaction, repo)
            }
            try await transaction.execute("DELETE FROM projects WHERE name = ?", [.text(name.value)])
        }
        await waiters.changedAll()
    }
}
