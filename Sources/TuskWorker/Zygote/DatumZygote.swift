import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The daemon's side of the datum zygote (`DatumZygoteProcess`): starts it on first use, asks
/// it for launchers, and turns its answers into `ZygoteLauncher` handles.
///
/// It exists because executing the `tusk` binary once per datum dominated the cost of small
/// datums. If the zygote dies, every launcher it had is reported killed, and the next datum
/// starts a new zygote; if it cannot be started at all, `spawn` throws and the runner falls
/// back to executing the launcher directly.
public final class DatumZygote: Sendable {
    private let launcher: DatumLauncher
    private let state = Mutex(State())

    private struct State {
        var connection: Connection?
        var nextID: UInt64 = 1
        var pendingSpawns: [UInt64: CheckedContinuation<ZygoteLauncher, any Error>] = [:]
        var launchers: [UInt64: ZygoteLauncher] = [:]
    }

    /// One running zygote: its pid and the daemon's end of the socket.
    private struct Connection {
        var pid: pid_t
        var socket: ZygoteSocket
    }

    /// - Parameter launcher: the `tusk` binary to start with the zygote verb.
    public init(launcher: DatumLauncher) {
        self.launcher = launcher
    }

    deinit {
        state.withLock { state in
            if let connection = state.connection {
                shutdown(connection.socket.descriptor, Int32(SHUT_RDWR))
            }
        }
    }

    /// Asks the zygote for a launcher with these arguments, environment and descriptors.
    func spawn(arguments: [String], environment: [String: String], standardInputPath: String,
               standardOutput: Int32, standardError: Int32, report: Int32) async throws -> ZygoteLauncher {
        let (socket, id) = try state.withLock { state -> (ZygoteSocket, UInt64) in
            let connection = try state.connection ?? start(&state)
            let id = state.nextID
            state.nextID += 1
            return (connection.socket, id)
        }
        let environmentEntries = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let request = try ZygoteMessage.spawn(id: id, arguments: arguments, environment: environmentEntries,
                                              standardInputPath: standardInputPath).encoded()
        // The listener registers the handle when `started` arrives, before any `exited` of it.
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.pendingSpawns[id] = continuation }
            do {
                try socket.send(request, descriptors: [standardOutput, standardError, report])
            } catch {
                let pending = state.withLock { $0.pendingSpawns.removeValue(forKey: id) }
                pending?.resume(throwing: error)
            }
        }
    }

    func send(_ message: ZygoteMessage) {
        guard let socket = state.withLock({ $0.connection?.socket }), let bytes = try? message.encoded() else { return }
        try? socket.send(bytes)
    }

    // MARK: starting and listening

    private func start(_ state: inout State) throws -> Connection {
        let (daemonEnd, zygoteEnd) = try ZygoteSocket.pair()
        let pid: pid_t
        do {
            // LD_BIND_NOW: the zygote resolves every library call once at start, so no forked
            // launcher resolves (and copies the page of) a symbol again. Launchers replace the
            // environment with the datum's, so user code never sees it.
            pid = try CleanSpawn.run(
                executable: launcher.executablePath, arguments: [DatumZygoteProcess.verb], environment: ["PATH": "/usr/bin:/bin", "LD_BIND_NOW": "1"],
                ownProcessGroup: false, what: "starting the datum zygote"
            ) { actions in
                posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_adddup2(actions, STDERR_FILENO, 1)
                posix_spawn_file_actions_adddup2(actions, zygoteEnd.descriptor, DatumZygoteProcess.socketDescriptor)
            }
        } catch {
            zygoteEnd.close()
            daemonEnd.close()
            throw error
        }
        zygoteEnd.close()
        let connection = Connection(pid: pid, socket: daemonEnd)
        state.connection = connection
        let listener = Thread { [weak self] in
            Self.listen(connection, zygote: self)
        }
        listener.name = "tusk-zygote-listener"
        listener.start()
        return connection
    }

    /// Reads the zygote's answers until it goes away, then settles everything it left open.
    private static func listen(_ connection: Connection, zygote: DatumZygote?) {
        weak var zygote = zygote
        var buffer = ZygoteSocket.receiveBuffer()
        while let received = try? connection.socket.receive(into: &buffer) {
            for descriptor in received.descriptors { close(descriptor) }
            guard let message = ZygoteMessage(decoding: received.payload), let current = zygote else { continue }
            current.deliver(message)
        }
        var status: Int32 = 0
        while waitpid(connection.pid, &status, 0) < 0 && errno == EINTR {}
        connection.socket.close()
        zygote?.connectionEnded(connection)
    }

    private func deliver(_ message: ZygoteMessage) {
        switch message {
        case .started(let id, let pid):
            let handle = ZygoteLauncher(id: id, pid: pid, zygote: self)
            let pending = state.withLock { state in
                state.launchers[id] = handle
                return state.pendingSpawns.removeValue(forKey: id)
            }
            pending?.resume(returning: handle)
        case .spawnFailed(let id, let reason):
            state.withLock { $0.pendingSpawns.removeValue(forKey: id) }?
                .resume(throwing: ZygoteFailure(message: "the datum zygote could not start a launcher: \(reason)"))
        case .exited(let id, let status):
            state.withLock { $0.launchers.removeValue(forKey: id) }?.ended(status: status)
        default:
            break
        }
    }

    private func connectionEnded(_ connection: Connection) {
        let (pending, launchers) = state.withLock { state in
            guard state.connection?.pid == connection.pid else { return ([CheckedContinuation<ZygoteLauncher, any Error>](), [ZygoteLauncher]()) }
            state.connection = nil
            defer { state.pendingSpawns = [:]; state.launchers = [:] }
            return (Array(state.pendingSpawns.values), Array(state.launchers.values))
        }
        for continuation in pending {
            continuation.resume(throwing: ZygoteFailure(message: "the datum zygote ended while starting a launcher"))
        }
        // The zygote kills every launcher group when it exits; report them killed.
        for launcher in launchers { launcher.ended(status: SIGKILL) }
    }
}

/// The datum zygote failed or went away.
struct ZygoteFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
