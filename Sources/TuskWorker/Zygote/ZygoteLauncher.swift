import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A launcher started by the datum zygote, seen from the daemon.
///
/// The zygote is the launcher's parent, so it alone sends signals (it knows whether the pid
/// was reaped, so a signal can never reach a reused pid) and it reports the wait status once
/// it has killed the rest of the launcher's group and reaped it.
final class ZygoteLauncher: LaunchedProcess {
    let id: UInt64
    let pid: pid_t
    private let zygote: DatumZygote
    private let state = Mutex(State())

    private struct State {
        var status: Int32?
        var waiters: [CheckedContinuation<Int32, Never>] = []
    }

    init(id: UInt64, pid: pid_t, zygote: DatumZygote) {
        self.id = id
        self.pid = pid
        self.zygote = zygote
    }

    /// Called by the zygote's listener with the reaped launcher's wait status.
    func ended(status: Int32) {
        let waiters = state.withLock { state -> [CheckedContinuation<Int32, Never>] in
            guard state.status == nil else { return [] }
            state.status = status
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    func signalLauncher(_ signal: Int32) {
        guard state.withLock({ $0.status == nil }) else { return }
        zygote.send(.signal(id: id, signal: signal))
    }

    func killGroup() {
        guard state.withLock({ $0.status == nil }) else { return }
        zygote.send(.killGroup(id: id))
    }

    func waitForExit() async {
        _ = await status()
    }

    func killGroupAndReap() async -> Int32 {
        await status()
    }

    private func status() async -> Int32 {
        await withCheckedContinuation { continuation in
            let known = state.withLock { state -> Int32? in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let known { continuation.resume(returning: known) }
        }
    }
}
