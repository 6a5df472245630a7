import Foundation
import TuskCore
import TuskPFS
import TuskStorage

/// The inputs of one job, read from PFS at the job's provenance commits: glob matches per
/// input name (for the datum planner) and every matched file's stored content (for building
/// datum work units without copying bytes).
struct JobInputs: Sendable {
    var matches: [String: [InputMatch]] = [:]
    var commits: [String: CommitID] = [:]
    var contents: [String: FileContent] = [:]

    static func key(input: String, path: String) -> String { input + "\u{0}" + path }

    static func gather(_ spec: PipelineSpec, pipeline: PipelineID, outputCommit: CommitInfo?, fileSystem: FileSystem) async throws -> JobInputs {
        var result = JobInputs()
        for leaf in spec.input?.leaves ?? [] {
            let name: String
            let repo: RepoID
            let branch: String
            let glob: String
            switch leaf {
            case .pfs(let input):
                name = input.name
                let project = try ProjectName(input.project.isEmpty ? pipeline.project.value : input.project)
                repo = try RepoID(project: project, name: input.repo, type: try RepoType(wire: input.repoType))
                branch = input.branch.isEmpty ? "master" : input.branch
                glob = input.glob
            case .cron(let input):
                name = input.name
                let project = try ProjectName(input.project.isEmpty ? pipeline.project.value : input.project)
                repo = try RepoID(project: project, name: input.repo.isEmpty ? "\(pipeline.name)_\(input.name)" : input.repo)
                branch = "master"
                glob = "/*"
            }
            let selector: CommitSelector
            if let key = outputCommit?.directProvenance.first(where: { $0.repo == repo }) {
                selector = .commit(key)
            } else {
                selector = .head(of: BranchID(trustedRepo: repo, name: branch))
            }
            let commit = try await fileSystem.inspectCommit(selector)
            result.commits[name] = commit.id
            var list: [InputMatch] = []
            for match in try await fileSystem.globFiles(.commit(commit.key), pattern: glob) {
                var files: [InputFile] = []
                if match.isDirectory {
                    let collector = FileCollector()
                    try await fileSystem.walkFiles(.commit(commit.key), path: match.path) { info in
                        if !info.isDirectory { await collector.add(info) }
                        return true
                    }
                    for info in await collector.items {
                        files.append(InputFile(path: info.path.string, hash: info.hash))
                        if let content = info.content { result.contents[key(input: name, path: info.path.string)] = content }
                    }
                } else {
                    files.append(InputFile(path: match.path.string, hash: match.hash))
                    if let content = match.content { result.contents[key(input: name, path: match.path.string)] = content }
                }
                list.append(InputMatch(path: match.path.string, isDirectory: match.isDirectory, hash: match.hash, files: files))
            }
            result.matches[name] = list
        }
        return result
    }

    /// The worker's description of one datum's inputs.
    func workInputs(_ datum: Datum) -> [TuskCore.DatumInput] {
        datum.inputs.map { input in
            TuskCore.DatumInput(
                name: input.name, repo: input.repo, branch: input.branch, commitID: commits[input.name]?.value ?? "",
                matchedPath: input.path, joinOn: input.joinOn.isEmpty ? nil : input.joinOn,
                groupBy: input.groupBy.isEmpty ? nil : input.groupBy, emptyFiles: input.emptyFiles, lazy: input.lazy,
                files: input.files.map { file in
                    let content = contents[Self.key(input: input.name, path: file.path)] ?? .empty
                    return DatumInputFile(path: file.path, size: content.size, chunks: content.chunks.map { DatumChunk(hash: $0.hash, size: $0.size) })
                })
        }
    }

    func records(_ datum: Datum) -> [DatumInputRecord] {
        datum.inputs.flatMap { input in
            input.files.map { file in
                DatumInputRecord(name: input.name, repo: input.repo, branch: input.branch, commit: commits[input.name]?.value ?? "",
                                 path: file.path, isDirectory: false, hash: file.hash.hex)
            }
        }
    }
}

/// Gathers file infos from a `@Sendable` walk visitor.
actor FileCollector {
    private(set) var items: [FileInfo] = []
    func add(_ info: FileInfo) { items.append(info) }
}
