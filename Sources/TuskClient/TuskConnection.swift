import GRPCCore
import GRPCNIOTransportHTTP2
import TuskCore
import TuskProto

/// A connection to `tusk serve` (or pachd) with the generated service clients.
///
/// It owns the gRPC client and the task that runs its connections; call `close()` when done.
/// Messages of up to 20 MiB are allowed both ways, as pachd and the Python SDK allow.
public final class TuskConnection: Sendable {
    public typealias Transport = HTTP2ClientTransport.Posix

    public static let maximumMessageBytes = 20 * 1024 * 1024

    public let address: ServerAddress
    let client: GRPCClient<Transport>
    let connectionTask: Task<Void, Never>

    public let pfs: PfsV2_API.Client<Transport>
    public let pps: PpsV2_API.Client<Transport>
    public let admin: AdminV2_API.Client<Transport>
    public let version: VersionpbV2_API.Client<Transport>

    /// Connects to `address` (`host:port`, `grpc://host:port`); no RPC is made yet.
    public convenience init(address text: String) throws {
        try self.init(address: ServerAddress(parsing: text))
    }

    public init(address: ServerAddress) throws {
        self.address = address
        let limits = MethodConfig(
            names: [MethodConfig.Name(service: "")],
            waitForReady: false,
            maxRequestMessageBytes: Self.maximumMessageBytes,
            maxResponseMessageBytes: Self.maximumMessageBytes
        )
        // Large HTTP/2 frames and windows: a `get file` of a GiB arrives in 1 MiB frames, not
        // 65,536 frames of 16 KiB (each a read and a wake-up on both sides).
        var config = HTTP2ClientTransport.Posix.Config.defaults
        config.http2.maxFrameSize = 1 << 20
        config.http2.targetWindowSize = 16 * 1024 * 1024
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: address.host, port: address.port),
            transportSecurity: .plaintext,
            config: config,
            serviceConfig: ServiceConfig(methodConfig: [limits])
        )
        let client = GRPCClient(transport: transport)
        self.client = client
        self.connectionTask = Task { try? await client.runConnections() }
        pfs = PfsV2_API.Client(wrapping: client)
        pps = PpsV2_API.Client(wrapping: client)
        admin = AdminV2_API.Client(wrapping: client)
        version = VersionpbV2_API.Client(wrapping: client)
    }

    /// Lets in-flight calls finish, then stops the connections.
    public func close() async {
        client.beginGracefulShutdown()
        await connectionTask.value
    }

    /// Runs a call and turns any failure into a `TuskError` (see `RPCErrorMapping`).
    public func call<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        do { return try await body() } catch {
            throw RPCErrorMapping.tuskError(from: error, address: address)
        }
    }
}
