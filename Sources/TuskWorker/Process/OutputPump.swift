import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads the output pipes of every running datum of a runner on one thread, with `poll`.
///
/// A thread per stream (two per datum) cost a thread's creation and teardown for every datum,
/// more than short commands themselves; one long-lived thread serves them all. A stream ends at
/// end of file, or at the deadline `stop(_:after:)` sets once the command has ended (a
/// background process that escaped the kill could keep the pipe open forever, and a datum must
/// not hang on it). Lines are handed on from the pump's thread as they arrive.
final class OutputPump: Sendable {
    /// A stream being read: its line splitter and who waits for its end.
    private struct Registration {
        var reader: OutputLineReader
        var continuation: CheckedContinuation<String, Never>
    }

    /// What callers hand to the pump's thread; the readers themselves belong to that thread.
    private struct State {
        var incoming: [Int32: Registration] = [:]
        /// Deadlines by descriptor, whether or not the stream is registered yet.
        var deadlines: [Int32: ContinuousClock.Instant] = [:]
        var threadStarted = false
    }

    private let state = Mutex(State())
    /// A pipe whose read end is in every poll, so a new stream or deadline wakes the thread.
    private let wake: (read: Int32, write: Int32)?

    init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            }
            wake = (descriptors[0], descriptors[1])
        } else {
            wake = nil
        }
    }

    /// Reads `descriptor` to its end (or deadline), handing lines to `reader`, then closes it;
    /// returns the reader's tail.
    func readToEnd(_ descriptor: Int32, with reader: OutputLineReader) async -> String {
        guard wake != nil else {
            // No wake-up pipe (out of descriptors): read on a thread of its own.
            return await DedicatedThread.run(name: "tusk-output") { [self] in
                var reader = reader
                drainBlocking(descriptor, into: &reader)
                close(descriptor)
                return reader.finish()
            }
        }
        return await withCheckedContinuation { continuation in
            let startThread = state.withLock { state -> Bool in
                state.incoming[descriptor] = Registration(reader: reader, continuation: continuation)
                defer { state.threadStarted = true }
                return !state.threadStarted
            }
            if startThread {
                let thread = Thread { [self] in serve() }
                thread.name = "tusk-output"
                thread.start()
            } else {
                poke()
            }
        }
    }

    /// Lets the stream finish what is buffered and gives up `grace` from now.
    func stop(_ descriptor: Int32, after grace: Duration) {
        let deadline = ContinuousClock.now.advanced(by: grace)
        state.withLock { state in
            state.deadlines[descriptor] = min(state.deadlines[descriptor] ?? deadline, deadline)
        }
        poke()
    }

    private func poke() {
        guard let wake else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// The pump's thread: polls every registered stream and the wake-up pipe, forever. The
    /// readers live here, so lines are split and handed on without holding the lock.
    private func serve() {
        guard let wake else { return }
        var active: [Int32: Registration] = [:]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let deadlines = state.withLock { state -> [Int32: ContinuousClock.Instant] in
                active.merge(state.incoming) { _, new in new }
                state.incoming = [:]
                return state.deadlines
            }
            var polled = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            polled += active.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var timeout: Int32 = -1
            if let nearest = active.keys.compactMap({ deadlines[$0] }).min() {
                let left = nearest - ContinuousClock.now
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
                timeout = left <= .zero ? 0 : Int32(min(milliseconds, 60_000))
            }
            if poll(&polled, nfds_t(polled.count), timeout) < 0 && errno != EINTR {
                Thread.sleep(forTimeInterval: 0.01)
            }
            if polled[0].revents != 0 {
                while buffer.withUnsafeMutableBytes({ read(wake.read, $0.baseAddress, $0.count) }) > 0 {}
            }
            var ended: Set<Int32> = []
            for entry in polled.dropFirst() where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                guard count > 0 else {
                    ended.insert(entry.fd)
                    continue
                }
                buffer.withUnsafeBytes { bytes in
                    active[entry.fd]?.reader.consume(UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
                }
            }
            let now = ContinuousClock.now
            for descriptor in active.keys where deadlines[descriptor].map({ now >= $0 }) ?? false {
                ended.insert(descriptor)
            }
            for descriptor in ended {
                guard var registration = active.removeValue(forKey: descriptor) else { continue }
                // The deadline goes before the descriptor is closed and its number reused.
                state.withLock { _ = $0.deadlines.removeValue(forKey: descriptor) }
                close(descriptor)
                registration.continuation.resume(returning: registration.reader.finish())
            }
        }
    }

    private func drainBlocking(_ descriptor: Int32, into reader: inout OutputLineReader) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            buffer.withUnsafeBytes { reader.consume(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
