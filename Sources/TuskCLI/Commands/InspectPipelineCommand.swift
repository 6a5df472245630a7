import Foundation
import TuskClient

/// `tusk inspect pipeline NAME` (`InspectPipeline`): state, version, input and transform.
struct InspectPipelineCommand: Command {
    let words = ["inspect", "pipeline"]
    let summary = "Show a pipeline's spec and state."
    let arguments = [ArgumentSpecification("pipeline")]
    let legacyForms = [LegacyForm("inspect-pipeline", usage: "inspect-pipeline <pipeline>") { $0 }]

    func run(_ invocation: Invocation) async throws {
        let info = try await invocation.connection().inspectPipeline(invocation.positional(0), project: invocation.project)
        if invocation.printsRaw {
            invocation.console.print(info.jsonLine())
            return
        }
        invocation.console.write(Self.describe(info, now: Date()))
    }

    static func describe(_ info: PipelineInfo, now: Date) -> String {
        let details = info.details
        var pairs = [
            ("Name", info.pipeline.name),
            ("Project", info.pipeline.project.name.isEmpty ? "default" : info.pipeline.project.name),
            ("Version", "\(info.version)"),
        ]
        if !details.description_p.isEmpty { pairs.append(("Description", details.description_p)) }
        pairs.append(("Created", details.hasCreatedAt ? InfoRows.time(details.createdAt.seconds, details.createdAt.nanos, now: now) : "-"))
        pairs.append(("State", PipelineRows.pipelineState(info.state)))
        pairs.append(("Stopped", info.stopped ? "true" : "false"))
        if !info.reason.isEmpty { pairs.append(("Reason", info.reason)) }
        pairs.append(("Last Job", PipelineRows.jobState(info.lastJobState)))
        pairs.append(("Parallelism", "\(info.parallelism)"))
        pairs.append(("Datum Tries", "\(details.datumTries)"))
        if details.hasDatumTimeout { pairs.append(("Datum Timeout", "\(details.datumTimeout.seconds)s")) }
        if details.hasJobTimeout { pairs.append(("Job Timeout", "\(details.jobTimeout.seconds)s")) }
        pairs.append(("Output Branch", details.outputBranch))
        if details.hasEgress { pairs.append(("Egress", details.egress.url)) }
        var text = InfoRows.details(pairs)
        text += "Input:\n" + PipelineRows.prettyJSON(details.input.jsonLine()) + "\n"
        text += "Transform:\n" + PipelineRows.prettyJSON(details.transform.jsonLine()) + "\n"
        return text
    }
}
