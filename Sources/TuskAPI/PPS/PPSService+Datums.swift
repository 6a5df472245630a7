import GRPCCore
import SwiftProtobuf
import TuskCore
import TuskPPS
import TuskProto

/// Datum RPCs: list (of a job, or a dry run over an `input`), inspect, restart, and the
/// batched `CreateDatum` stream.
extension PPSService {
    public func listDatum(request: PpsV2_ListDatumRequest, response: RPCWriter<PpsV2_DatumInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            let states = try request.filter.state.map(PPSStates.datumState)
            var datums: [DatumInfo]
            if request.hasInput {
                datums = try await system.previewDatums(inputJSON: try Self.protoJSON(request.input), defaultProject: .default)
                if !states.isEmpty { datums = datums.filter { states.contains($0.state) } }
            } else if request.hasJob {
                datums = try await system.listDatums(try request.job.jobKey(), states: states)
            } else {
                throw TuskError.invalid("ListDatum needs a job (pipeline and id) or an input to preview the datums of", location: "job")
            }
            let page = Self.pageDatums(datums, marker: request.paginationMarker, reverse: request.reverse, number: request.number)
            try await MessageBatcher.write(page.lazy.map(DatumConversion.datumInfo), to: response)
        }
    }

    /// The datums after the one whose id is `marker` (all when empty), in engine order or
    /// reversed, at most `number` (0 = all).
    static func pageDatums(_ datums: [DatumInfo], marker: String, reverse: Bool, number: Int64) -> [DatumInfo] {
        var items = reverse ? Array(datums.reversed()) : datums
        if !marker.isEmpty, let position = items.firstIndex(where: { $0.id == marker }) {
            items = Array(items[(position + 1)...])
        }
        if number > 0 { items = Array(items.prefix(Int(clamping: number))) }
        return items
    }

    public func inspectDatum(request: PpsV2_InspectDatumRequest, context: ServerContext) async throws -> PpsV2_DatumInfo {
        try await run(context) { system in
            let address = try request.datum.datumAddress()
            return DatumConversion.datumInfo(try await system.inspectDatum(address.job, id: address.id))
        }
    }

    public func restartDatum(request: PpsV2_RestartDatumRequest, context: ServerContext) async throws -> Google_Protobuf_Empty {
        try await run(context) { system in
            try await system.restartDatum(try request.job.jobKey(), dataFilters: request.dataFilters)
            return Google_Protobuf_Empty()
        }
    }

    /// The SDK's `generate_datums`: the first message is `start{input, number}`, each later one
    /// `continue{number}`; every message is answered with the next `number` datums of the
    /// input (the default batch for 0). The stream ends once every datum was sent.
    public func createDatum(request: RPCAsyncSequence<PpsV2_CreateDatumRequest, any Error>, response: RPCWriter<PpsV2_DatumInfo>, context: ServerContext) async throws {
        try await run(context) { system in
            var messages = request.makeAsyncIterator()
            guard let first = try await messages.next() else { return }
            guard case .start(let start)? = first.body else {
                throw TuskError.invalid("CreateDatum must begin with a start message carrying the input; later messages are continue{number}", location: "start")
            }
            let datums = try await system.previewDatums(inputJSON: try Self.protoJSON(start.input), defaultProject: .default)
            var position = 0
            func sendBatch(_ number: Int32) async throws {
                let count = number > 0 ? Int(number) : defaultDatumBatch
                let end = min(datums.count, position + count)
                for datum in datums[position..<end] {
                    try await response.write(DatumConversion.datumInfo(datum))
                }
                position = end
            }
            try await sendBatch(start.number)
            while position < datums.count, let next = try await messages.next() {
                guard case .continue(let more)? = next.body else {
                    throw TuskError.invalid("CreateDatum accepts one start message; send continue{number} for the next datums", location: "continue")
                }
                try await sendBatch(more.number)
            }
        }
    }
}
