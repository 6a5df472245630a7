import NIOCore
import NIOPosix

/// Publishes a service pipeline's `external_port` on the host by relaying every connection to
/// its `internal_port`, where the service's command listens.
///
/// Pachyderm exposes a service through a Kubernetes node port (`external_port`) in front of the
/// container's port (`internal_port`); in the embedded mode the command shares the host's
/// network, so this small TCP relay plays the node port's part for as long as the service runs.
final class ServicePortForwarder: Sendable {
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Listens on `externalPort` (all interfaces) and relays to `127.0.0.1:internalPort`.
    static func start(externalPort: Int, internalPort: Int) async throws -> ServicePortForwarder {
        let group = MultiThreadedEventLoopGroup.singleton
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { inbound in
                ClientBootstrap(group: inbound.eventLoop)
                    .connect(host: "127.0.0.1", port: internalPort)
                    .flatMap { outbound in
                        do {
                            try inbound.pipeline.syncOperations.addHandler(RelayHandler(peer: outbound))
                            try outbound.pipeline.syncOperations.addHandler(RelayHandler(peer: inbound))
                        } catch {
                            return inbound.eventLoop.makeFailedFuture(error)
                        }
                        return inbound.setOption(.autoRead, value: true)
                    }
                    .flatMapErrorThrowing { error in
                        // Nothing listens on the internal port (yet): drop this connection.
                        inbound.close(promise: nil)
                        throw error
                    }
            }
            .bind(host: "0.0.0.0", port: externalPort).get()
        return ServicePortForwarder(channel: channel)
    }

    /// Stops listening; connections already relayed end when either side closes.
    func stop() async {
        try? await channel.close().get()
    }
}

/// Writes everything one side of a relayed connection reads to the other side, and closes the
/// other side when this one closes.
private final class RelayHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let peer: any Channel

    init(peer: any Channel) {
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        peer.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        peer.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
