import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPPS
import TuskProto

/// Pipeline RPCs: create (typed and JSON), inspect, list with history, delete, start, stop,
/// run cron, rerun.
extension PPSService {
    /// The typed request goes through the same path as `CreatePipelineV2`: it is written as
    /// protojson and parsed and validated like a spec file.
    public func createPipeline(request: PpsV2_CreatePipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            _ = try await Self.create(system, text: try Self.protoJSON(request), update: request.update, reprocess: request.reprocess, dryRun: request.dryRun)
            return Google_Protobuf_Empty()
        }
    }

    /// Creates (or updates) every pipeline of the JSON or YAML text; answers the effective
    /// spec: one JSON object, or a JSON array when the text held several pipelines.
    public func createPipelineV2(request: PpsV2_CreatePipelineV2Request, context: ServerContext) async throws -> PpsV2_CreatePipelineV2Response {
        try await run(context) { system in
            let infos = try await Self.create(system, text: request.createPipelineRequestJson, update: request.update, reprocess: request.reprocess, dryRun: request.dryRun)
            var response = PpsV2_CreatePipelineV2Response()
            response.effectiveCreatePipelineRequestJson = infos.count == 1
                ? infos[0].effectiveSpecJSON
                : "[" + infos.map(\.effectiveSpecJSON).joined(separator: ",") + "]"
            return response
        }
    }

    static func create(_ system: PipelineSystem, text: String, update: Bool, reprocess: Bool, dryRun: Bool) async throws -> [PipelineInfo] {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw TuskError.invalid("the pipeline spec is empty; send a JSON CreatePipelineRequest with at least pipeline and transform", location: "create_pipeline_request_json")
        }
        return try await system.createPipelines(text: text, defaultProject: .default, update: update, reprocess: reprocess, dryRun: dryRun)
    }

    public func inspectPipeline(request: PpsV2_InspectPipelineRequest, context: ServerContext) async throws -> PpsV2_PipelineInfo {
        try await run(context) { system in
            PipelineConversion.pipelineInfo(try await system.inspectPipeline(try request.pipeline.pipelineID()))
        }
    }

    /// `history`: 0 the current version, N that many older versions too, -1 every version.
    public func listPipeline(request: PpsV2_ListPipelineRequest, response: RPCWriter<PpsV2_PipelineInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            guard request.jqFilter.isEmpty else {
                throw RPCExecution.unimplemented(context, "jq filters are not supported; filter the JSON output on the client")
            }
            guard request.history >= -1 else {
                throw TuskError.invalid("history \(request.history) is not valid; use 0 (current version), N (N older versions too) or -1 (all)", location: "history")
            }
            var infos: [PipelineInfo] = []
            if request.hasPipeline, request.pipeline.namesPipeline {
                let id = try request.pipeline.pipelineID()
                infos = request.history == 0 ? [try await system.inspectPipeline(id)] : Self.versions(try await system.pipelineHistory(id), history: request.history)
            } else {
                let current = try await system.listPipelines(projects: try PPSIdentifiers.projects(request.projects))
                if request.history == 0 {
                    infos = current
                } else {
                    for info in current {
                        infos += Self.versions(try await system.pipelineHistory(info.id), history: request.history)
                    }
                }
            }
            if request.hasPage, request.page.pageSize > 0 {
                infos = Self.page(infos, size: request.page.pageSize, index: request.page.pageIndex)
            }
            for info in infos {
                try await response.write(PipelineConversion.pipelineInfo(info))
            }
        }
    }

    /// The newest `history + 1` versions (all for -1) of a newest-first history.
    static func versions(_ history: [PipelineInfo], history count: Int64) -> [PipelineInfo] {
        count < 0 ? history : Array(history.prefix(Int(clamping: count) + 1))
    }

    static func page<Element>(_ items: [Element], size: Int64, index: Int64) -> [Element] {
        let size = Int(clamping: size)
        let start = Int(clamping: max(0, index)).multipliedReportingOverflow(by: size)
        guard !start.overflow, start.partialValue < items.count else { return [] }
        return Array(items.dropFirst(start.partialValue).prefix(size))
    }

    public func deletePipeline(request: PpsV2_DeletePipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            if request.all {
                _ = try await system.deleteAllPipelines(projects: [], force: request.force, keepRepo: request.keepRepo)
                return Google_Protobuf_Empty()
            }
            let id = try request.pipeline.pipelineID()
            do {
                try await system.deletePipeline(id, force: request.force, keepRepo: request.keepRepo)
            } catch let error as TuskError where error.code == .notFound && !request.mustExist {
                // Without must_exist, deleting a pipeline that is already gone succeeds.
            }
            return Google_Protobuf_Empty()
        }
    }

    public func deletePipelines(request: PpsV2_DeletePipelinesRequest, context: ServerContext) async throws -> PpsV2_DeletePipelinesResponse {
        try await run(context) { system in
            let projects = try PPSIdentifiers.projects(request.projects)
            guard request.all || !projects.isEmpty else {
                throw TuskError.invalid("DeletePipelines needs the projects whose pipelines to delete, or all=true to delete every pipeline", location: "projects")
            }
            let deleted = try await system.deleteAllPipelines(projects: request.all ? [] : projects, force: request.force, keepRepo: request.keepRepo)
            var response = PpsV2_DeletePipelinesResponse()
            response.pipelines = deleted.map(PipelineConversion.pipeline)
            return response
        }
    }

    public func startPipeline(request: PpsV2_StartPipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.startPipeline(try request.pipeline.pipelineID())
            return Google_Protobuf_Empty()
        }
    }

    public func stopPipeline(request: PpsV2_StopPipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            do {
                try await system.stopPipeline(try request.pipeline.pipelineID())
            } catch let error as TuskError where error.code == .notFound && !request.mustExist {
                // Without must_exist, stopping a pipeline that does not exist is a no-op.
            }
            return Google_Protobuf_Empty()
        }
    }

    public func runCron(request: PpsV2_RunCronRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.runCron(try request.pipeline.pipelineID())
            return Google_Protobuf_Empty()
        }
    }

    public func rerunPipeline(request: PpsV2_RerunPipelineRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.rerunPipeline(try request.pipeline.pipelineID(), reprocess: request.reprocess)
            return Google_Protobuf_Empty()
        }
    }

    /// pps `DeleteAll`: deletes every pipeline of every project (with their output repos).
    public func deleteAll(request: Google_Protobuf_Empty, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            _ = try await system.deleteAllPipelines(projects: [], force: true, keepRepo: false)
            return Google_Protobuf_Empty()
        }
    }
}
