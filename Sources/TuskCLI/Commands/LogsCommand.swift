import TuskClient
import TuskCore

/// `tusk logs [-p PIPELINE] [-j PIPELINE@JOB] [--datum D] [--inputs a,b] [--master] [-f]
/// [--since 24h]` (`GetLogs`): prints the `message` of each line the user's code printed (and
/// the coordinator's with `--master`); `--raw` prints each line as JSON.
struct LogsCommand: Command {
    let words = ["logs"]
    let summary = "Print the logs of a pipeline, job or datum."
    let flags: [FlagSpecification] = [
        .value("pipeline", short: "p", "PIPELINE", help: "logs of this pipeline"),
        .value("job", short: "j", "PIPELINE@JOB", help: "logs of this job"),
        .value("datum", "DATUM", help: "logs of this datum"),
        .value("inputs", "PATHS", help: "only lines of datums with these input paths or hashes, comma-separated"),
        .boolean("master", help: "also print the job coordinator's lines"),
        .boolean("worker", help: "also print worker lines (same as --master here)"),
        .boolean("follow", short: "f", help: "keep printing new lines until interrupted"),
        .value("since", "DURATION", help: "only lines newer than this, such as 24h or 10m (default 24h; 0 = all)"),
        .value("tail", short: "t", "N", help: "only the last N lines"),
    ]
    let legacyForms = [LegacyForm("get-logs", usage: "get-logs [-p pipeline] [-j job]") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let connection = try await invocation.connection()
        let request = try await Self.request(invocation.arguments, connection: connection)
        let raw = invocation.printsRaw
        let everything = request.master
        let console = invocation.console
        try await connection.logs(request, project: invocation.project) { message in
            if raw {
                console.print(message.jsonLine())
            } else if everything || message.user {
                console.print(message.message.hasSuffix("\n") ? String(message.message.dropLast()) : message.message)
            }
            return true
        }
    }

    /// The `GetLogs` filters the flags ask for; a bare job id is resolved to its pipeline.
    static func request(_ arguments: ParsedArguments, connection: TuskConnection?) async throws -> LogRequest {
        var request = LogRequest()
        request.pipeline = arguments.string("pipeline")
        if let job = arguments.string("job") {
            var reference = try JobReference(parsing: job)
            if reference.pipeline == nil { reference.pipeline = request.pipeline }
            if reference.pipeline == nil, let connection { reference.pipeline = try await reference.resolvedPipeline(connection) }
            if let typed = request.pipeline, let pipeline = reference.pipeline, typed != pipeline {
                throw TuskError.invalid("--pipeline \(typed) and --job \(job) name different pipelines; give one", location: "--job")
            }
            request.pipeline = reference.pipeline
            request.jobID = reference.id
        }
        request.datumID = arguments.string("datum")
        request.inputs = (arguments.string("inputs") ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        request.master = arguments.has("master") || arguments.has("worker")
        request.follow = arguments.has("follow")
        let since = try DurationFlag.seconds(arguments.string("since") ?? "24h", flag: "--since")
        request.sinceSeconds = since > 0 ? since : nil
        request.tail = Int64(try arguments.integer("tail") ?? 0)
        return request
    }
}
