import TuskClient
import TuskCore

/// A job as typed: `pipeline@id`, or a bare `id` (the whole job set, or its only job).
struct JobReference: Equatable {
    var pipeline: String?
    var id: String

    init(pipeline: String?, id: String) {
        self.pipeline = pipeline
        self.id = id
    }

    /// Parses `pipeline@id` or `id`; `pipeline/id` (1.x) is accepted too.
    init(parsing text: String) throws {
        let separator = text.firstIndex(of: "@") ?? (CommitID(text) == nil ? text.lastIndex(of: "/") : nil)
        if let separator {
            let pipeline = String(text[..<separator])
            let id = String(text[text.index(after: separator)...])
            guard !pipeline.isEmpty, !id.isEmpty else {
                throw TuskError.invalid("\"\(text)\" is not a job; write pipeline@job-id", location: text)
            }
            self.init(pipeline: pipeline, id: id)
        } else {
            guard !text.isEmpty else { throw TuskError.invalid("the job is empty; write pipeline@job-id", location: "job") }
            self.init(pipeline: nil, id: text)
        }
    }

    /// The pipeline of the job: the one typed, else the only job of the job set `id`.
    func resolvedPipeline(_ connection: TuskConnection) async throws -> String {
        if let pipeline { return pipeline }
        let jobs = try await connection.inspectJobSet(id, wait: false)
        guard jobs.count == 1, let job = jobs.first else {
            let names = jobs.map(\.job.pipeline.name).sorted().joined(separator: ", ")
            let found = jobs.isEmpty ? "no job has id \(id)" : "job set \(id) has jobs of several pipelines (\(names))"
            throw TuskError.invalid("\(found); write pipeline@\(id)", location: id)
        }
        return job.job.pipeline.name
    }
}
