import GRPCCore
import Logging
import SwiftProtobuf
import TuskProto

/// The `versionpb_v2.API` service: `GetVersion`, which `client.get_version()` and
/// `pachctl version` call to check compatibility.
public struct VersionService: VersionpbV2_API.SimpleServiceProtocol {
    let version: TuskVersion
    let execution: RPCExecution

    public init(version: TuskVersion = .current, logger: Logger) {
        self.version = version
        self.execution = RPCExecution(logger: logger)
    }

    public func getVersion(request: Google_Protobuf_Empty, context: ServerContext) async throws -> VersionpbV2_Version {
        let version = self.version
        return try await execution.run(context) {
            Self.message(for: version)
        }
    }

    /// The wire form of a Tusk version.
    public static func message(for version: TuskVersion) -> VersionpbV2_Version {
        var message = VersionpbV2_Version()
        message.major = TuskVersion.apiMajor
        message.minor = TuskVersion.apiMinor
        message.micro = TuskVersion.apiMicro
        message.additional = "tusk"
        message.gitCommit = version.gitCommit
        message.gitTreeModified = version.gitTreeModified
        message.buildDate = version.buildDate
        message.goVersion = "\(TuskVersion.toolchain) (tusk \(version.version))"
        message.platform = TuskVersion.platform
        return message
    }
}
