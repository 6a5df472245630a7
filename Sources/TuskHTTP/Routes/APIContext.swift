import Hummingbird
import TuskPFS
import TuskPPS

/// What every `/api/v1` route group is built over: the same PFS and PPS objects the gRPC API
/// calls, so the HTTP endpoints and the gRPC services see one engine.
struct APIContext: Sendable {
    let fileSystem: FileSystem
    let pipelines: PipelineSystem

    typealias Routes = Router<BasicRequestContext>
}
