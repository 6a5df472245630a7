import Foundation
import Testing
import TuskClient
import TuskCore
@testable import TuskCLI

/// Parsing of the pipeline, job, datum and log verbs (2.x and 1.x forms).
@Suite struct PipelineCommandParsingTests {
    func parse(_ line: String) throws -> (String, ParsedArguments) {
        let tokens = line.split(separator: " ").map(String.init)
        guard let match = try CLI.registry.match(tokens) else { throw TuskError.invalid("no verb") }
        return (match.command.name, try CLI.parse(match))
    }

    @Test func createPipelineTakesTheSpecFile() throws {
        let (name, parsed) = try parse("create pipeline -f edges.json")
        #expect(name == "create pipeline")
        #expect(parsed.string("file") == "edges.json")
        #expect(try parse("create-pipeline -f edges.yaml").0 == "create pipeline")
        #expect(try parse("create pipelines --file -").1.string("file") == "-")
    }

    @Test func updatePipelineTakesReprocess() throws {
        let (name, parsed) = try parse("update pipeline -f edges.json --reprocess")
        #expect(name == "update pipeline")
        #expect(parsed.has("reprocess"))
        #expect(try parse("update-pipeline -f edges.json").0 == "update pipeline")
    }

    @Test func listPipelineHistoryAndSpec() throws {
        let (name, parsed) = try parse("list pipeline edges --history all -s")
        #expect(name == "list pipeline")
        #expect(parsed.positionals == ["edges"])
        #expect(try ListPipelineCommand.history(parsed.string("history")) == -1)
        #expect(parsed.has("spec"))
        #expect(try ListPipelineCommand.history("3") == 3)
        #expect(try ListPipelineCommand.history(nil) == 0)
        #expect(throws: TuskError.self) { try ListPipelineCommand.history("lots") }
    }

    @Test func pipelineLifecycleVerbs() throws {
        #expect(try parse("inspect pipeline edges").0 == "inspect pipeline")
        #expect(try parse("inspect-pipeline edges").0 == "inspect pipeline")
        #expect(try parse("start pipeline edges").0 == "start pipeline")
        #expect(try parse("stop-pipeline edges").0 == "stop pipeline")
        #expect(try parse("run cron tick").0 == "run cron")
        #expect(try parse("rerun pipeline edges --reprocess").1.has("reprocess"))
        let (name, parsed) = try parse("delete pipeline --all --force --keep-repo")
        #expect(name == "delete pipeline")
        #expect(parsed.has("all") && parsed.has("force") && parsed.has("keep-repo"))
        #expect(throws: TuskError.self) { try parse("inspect pipeline") }
    }

    @Test func jobVerbs() throws {
        let (name, parsed) = try parse("list job -p edges -n 5")
        #expect(name == "list job")
        #expect(parsed.string("pipeline") == "edges")
        #expect(try parsed.integer("number") == 5)
        #expect(try parse("list-job -p edges").0 == "list job")
        #expect(try parse("inspect job edges@0123456789abcdef0123456789abcdef").0 == "inspect job")
        #expect(try parse("wait job 0123456789abcdef0123456789abcdef").0 == "wait job")
        #expect(try parse("stop job edges@0123456789abcdef0123456789abcdef").0 == "stop job")
        #expect(try parse("delete job edges@0123456789abcdef0123456789abcdef").0 == "delete job")
        #expect(try parse("flush-job images/0123456789abcdef0123456789abcdef").1.positionals == ["images@0123456789abcdef0123456789abcdef"])
    }

    @Test func waitAndFlushCommit() throws {
        #expect(try parse("wait commit edges@master").0 == "wait commit")
        let (name, parsed) = try parse("flush-commit images/0123456789abcdef0123456789abcdef")
        #expect(name == "flush commit")
        #expect(parsed.positionals == ["images@0123456789abcdef0123456789abcdef"])
        #expect(try parse("flush commit images@master").1.positionals == ["images@master"])
    }

    @Test func datumVerbs() throws {
        #expect(try parse("list datum edges@0123456789abcdef0123456789abcdef").0 == "list datum")
        let (name, parsed) = try parse("inspect datum edges@0123456789abcdef0123456789abcdef d1")
        #expect(name == "inspect datum")
        #expect(parsed.positionals.count == 2)
        #expect(try parse("restart datum edges@0123456789abcdef0123456789abcdef /a,/b").0 == "restart datum")
    }

    @Test func jobReferencesAcceptPipelineAtIdAndBareIds() throws {
        let id = "0123456789abcdef0123456789abcdef"
        #expect(try JobReference(parsing: "edges@\(id)") == JobReference(pipeline: "edges", id: id))
        #expect(try JobReference(parsing: "edges/\(id)") == JobReference(pipeline: "edges", id: id))
        #expect(try JobReference(parsing: id) == JobReference(pipeline: nil, id: id))
        #expect(throws: TuskError.self) { try JobReference(parsing: "@\(id)") }
    }

    @Test func logsFlagsBecomeAGetLogsRequest() async throws {
        let id = "0123456789abcdef0123456789abcdef"
        let (name, parsed) = try parse("logs -p edges -j edges@\(id) --datum d1 --inputs /a,/b --master -f --since 10m")
        #expect(name == "logs")
        let request = try await LogsCommand.request(parsed, connection: nil)
        #expect(request.pipeline == "edges")
        #expect(request.jobID == id)
        #expect(request.datumID == "d1")
        #expect(request.inputs == ["/a", "/b"])
        #expect(request.master && request.follow)
        #expect(request.sinceSeconds == 600)
        let defaults = try await LogsCommand.request(try parse("logs --pipeline edges").1, connection: nil)
        #expect(defaults.sinceSeconds == 86_400)
        #expect(!defaults.follow && !defaults.master)
    }

    @Test func logsRefusesAJobOfAnotherPipeline() async throws {
        let parsed = try parse("logs -p edges -j other@0123456789abcdef0123456789abcdef").1
        await #expect(throws: TuskError.self) { try await LogsCommand.request(parsed, connection: nil) }
    }

    @Test func goStyleDurations() throws {
        #expect(try DurationFlag.seconds("24h", flag: "--since") == 86_400)
        #expect(try DurationFlag.seconds("1h30m", flag: "--since") == 5_400)
        #expect(try DurationFlag.seconds("45s", flag: "--since") == 45)
        #expect(try DurationFlag.seconds("0", flag: "--since") == 0)
        #expect(throws: TuskError.self) { try DurationFlag.seconds("10", flag: "--since") }
        #expect(throws: TuskError.self) { try DurationFlag.seconds("3d", flag: "--since") }
    }

    @Test func specSourcesAndCreatedNames() throws {
        #expect(try PipelineSpecSource("-") == .standardInput)
        #expect(try PipelineSpecSource("edges.json") == .local("edges.json"))
        if case .url = try PipelineSpecSource("https://example.com/edges.json") {} else { Issue.record("a URL is read as a URL") }
        #expect(PipelineSpecSource.pipelineNames(inEffectiveJSON: #"{"pipeline":{"name":"edges"}}"#) == ["edges"])
        #expect(PipelineSpecSource.pipelineNames(inEffectiveJSON: #"[{"pipeline":{"name":"a"}},{"pipeline":{"name":"b"}}]"#) == ["a", "b"])
    }
}

/// The job, datum and pipeline tables.
@Suite struct PipelineTableTests {
    let now = Date(timeIntervalSince1970: 1_000)

    func job(processed: Int64, skipped: Int64, total: Int64, state: WireJobState) -> JobInfo {
        var info = JobInfo()
        info.job = TuskConnection.job(pipeline: "edges", id: "0123456789abcdef0123456789abcdef", project: "default")
        info.dataProcessed = processed
        info.dataSkipped = skipped
        info.dataTotal = total
        info.state = state
        info.started = WireTimestamp(seconds: 990, nanos: 0)
        info.finished = WireTimestamp(seconds: 993, nanos: 0)
        info.stats.downloadBytes = 2048
        info.stats.uploadBytes = 10
        return info
    }

    @Test func jobTableShowsProgressDurationAndState() {
        let table = PipelineRows.jobTable([job(processed: 1, skipped: 1, total: 2, state: .jobSuccess)], now: now)
        #expect(table.headers == ["PIPELINE", "ID", "STARTED", "DURATION", "RESTART", "PROGRESS", "DL", "UL", "STATE"])
        #expect(table.rows == [["edges", "0123456789abcdef0123456789abcdef", "10 seconds ago", "3 seconds", "0", "1 + 1 / 2", "2 KiB", "10 B", "success"]])
    }

    @Test func runningJobDurationCountsToNow() {
        var info = job(processed: 0, skipped: 0, total: 4, state: .jobRunning)
        info.clearFinished()
        #expect(PipelineRows.duration(info, now: now) == "10 seconds")
        #expect(PipelineRows.progress(info) == "0 + 0 / 4")
        #expect(PipelineRows.jobState(.jobUnrunnable) == "unrunnable")
    }

    @Test func datumTableShowsFilesStatusAndTime() {
        var datum = DatumInfo()
        datum.datum.id = "d1"
        datum.state = .success
        var file = FileInfo()
        file.file.path = "/liberty.png"
        datum.data = [file]
        datum.stats.processTime = WireDuration(seconds: 2, nanos: 0)
        var skipped = DatumInfo()
        skipped.datum.id = "d2"
        skipped.state = .skipped
        let table = PipelineRows.datumTable([datum, skipped])
        #expect(table.headers == ["ID", "FILES", "STATUS", "TIME"])
        #expect(table.rows == [["d1", "/liberty.png", "success", "2 seconds"], ["d2", "-", "skipped", "-"]])
    }

    @Test func pipelineTableShowsInputAndStates() {
        var info = PipelineInfo()
        info.pipeline = TuskConnection.pipeline("edges", project: "default")
        info.version = 2
        info.state = .pipelineRunning
        info.lastJobState = .jobSuccess
        info.details.input.pfs.repo = "images"
        info.details.input.pfs.glob = "/*"
        info.details.description_p = "detect edges"
        info.details.createdAt = WireTimestamp(seconds: 940, nanos: 0)
        let table = PipelineRows.pipelineTable([info], now: now)
        #expect(table.headers == ["NAME", "VERSION", "INPUT", "CREATED", "STATE / LAST JOB", "DESCRIPTION"])
        #expect(table.rows == [["edges", "2", "images:/*", "About a minute ago", "running / success", "detect edges"]])
    }

    @Test func combinedInputsAreShownShort() {
        var left = PipelineInput()
        left.pfs.repo = "a"
        left.pfs.glob = "/*"
        var right = PipelineInput()
        right.pfs.repo = "b"
        right.pfs.branch = "dev"
        right.pfs.glob = "/"
        var cross = PipelineInput()
        cross.cross = [left, right]
        #expect(PipelineRows.input(cross) == "(a:/* ⨯ b@dev:/)")
        var cron = PipelineInput()
        cron.cron.name = "tick"
        cron.cron.spec = "@every 10s"
        #expect(PipelineRows.input(cron) == "tick:@every 10s")
    }
}
