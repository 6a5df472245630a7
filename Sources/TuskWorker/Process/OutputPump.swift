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
/// not hang on it). Lines are handed on from the pump's thread as they arrive. Streams are
/// known by an id of their own, never by descriptor: a descriptor number is reused as soon as
/// a finished stream's pipe is closed, and a late `stop` must not reach the next datum's pipe.
final class OutputPump: Sendable {
    /// One stream being read.
    struct Stream: Hashable, Sendable {
        fileprivate let id: UInt64
        fileprivate let descriptor: Int32
    }

    /// What callers hand to the pump's thread and what it hands back; the readers themselves
    /// belong to that thread.
    private struct State {
        var nextID: UInt64 = 0
        var incoming: [Stream: OutputLineReader] = [:]
        /// Streams registered and not finished yet.
        var live: Set<Stream> = []
        var deadlines: [Stream: ContinuousClock.Instant] = [:]
        var waiters: [Stream: CheckedContinuation<String, Never>] = [:]
        var tails: [Stream: String] = [:]
        var threadStarted = false
    }

    private let state = Mutex(State())
    /// A pipe whose read end is in every poll, so a new stream or deadline wakes the thread.
    private let wake: (read: Int32, write: Int32)?

    /// How long the pump's thread waits with no stream before it ends (the next stream starts
    /// it again), so runners that are done with datums keep no thread.
    static let idleLifetime: Duration = .seconds(5)

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

    deinit {
        // Runs only once the thread has ended: it holds the pump while it runs.
        if let wake {
            close(wake.read)
            close(wake.write)
        }
    }

    /// Starts reading `descriptor` (which the pump closes when the stream ends), handing lines
    /// to `reader`.
    func start(_ descriptor: Int32, with reader: OutputLineReader) -> Stream {
        let (stream, startThread) = state.withLock { state -> (Stream, Bool) in
            state.nextID += 1
            let stream = Stream(id: state.nextID, descriptor: descriptor)
            state.incoming[stream] = reader
            state.live.insert(stream)
            defer { state.threadStarted = true }
            return (stream, !state.threadStarted && wake != nil)
        }
        if wake == nil {
            // No wake-up pipe (out of descriptors): this stream gets a thread of its own.
            Thread.detachNewThread { [self] in
                var reader = reader
                drainBlocking(descriptor, into: &reader)
                finish(stream, reader: &reader)
            }
        } else if startThread {
            let thread = Thread { [self] in serve() }
            thread.name = "tusk-output"
            thread.start()
        } else {
            poke()
        }
        return stream
    }

    /// Waits for the stream's end; returns its reader's tail.
    func tail(of stream: Stream) async -> String {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> String? in
                if let tail = state.tails.removeValue(forKey: stream) { return tail }
                state.waiters[stream] = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Lets the stream finish what is buffered and gives up `grace` from now (nothing when it
    /// has already ended).
    func stop(_ stream: Stream, after grace: Duration) {
        let deadline = ContinuousClock.now.advanced(by: grace)
        state.withLock { state in
            guard state.live.contains(stream) else { return }
            state.deadlines[stream] = min(state.deadlines[stream] ?? deadline, deadline)
        }
        poke()
    }

    private func poke() {
        guard let wake else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Ends a stream: no deadline or `stop` can reach it any more, its descriptor is closed,
    /// and its tail goes to whoever waits for it.
    private func finish(_ stream: Stream, reader: inout OutputLineReader) {
        let tail = reader.finish()
        state.withLock { state in
            state.live.remove(stream)
            state.deadlines[stream] = nil
        }
        close(stream.descriptor)
        let waiter = state.withLock { state -> CheckedContinuation<String, Never>? in
            if let waiter = state.waiters.removeValue(forKey: stream) { return waiter }
            state.tails[stream] = tail
            return nil
        }
        waiter?.resume(returning: tail)
    }

    /// The pump's thread: polls every registered stream and the wake-up pipe until it has had
    /// no stream for `idleLifetime`.
    private func serve() {
        guard let wake else { return }
        var active: [Int32: (stream: Stream, reader: OutputLineReader)] = [:]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var idleSince = ContinuousClock.now
        while true {
            let (deadlines, ending) = state.withLock { state -> ([Stream: ContinuousClock.Instant], Bool) in
                for (stream, reader) in state.incoming { active[stream.descriptor] = (stream, reader) }
                state.incoming = [:]
                // Decided under the lock `start` takes, so a stream registered now finds the
                // thread gone and starts a new one.
                if active.isEmpty && ContinuousClock.now - idleSince >= Self.idleLifetime {
                    state.threadStarted = false
                    return ([:], true)
                }
                return (state.deadlines, false)
            }
            if ending { return }
            if !active.isEmpty { idleSince = ContinuousClock.now }
            var polled = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            polled += active.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var timeout: Int32 = active.isEmpty ? Self.milliseconds(Self.idleLifetime) : -1
            if let nearest = active.values.compactMap({ deadlines[$0.stream] }).min() {
                let left = nearest - ContinuousClock.now
                timeout = left <= .zero ? 0 : Self.milliseconds(left)
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
            for (descriptor, entry) in active where deadlines[entry.stream].map({ now >= $0 }) ?? false {
                ended.insert(descriptor)
            }
            for descriptor in ended {
                guard var entry = active.removeValue(forKey: descriptor) else { continue }
                finish(entry.stream, reader: &entry.reader)
            }
            if active.isEmpty && !ended.isEmpty { idleSince = ContinuousClock.now }
        }
    }

    /// A poll timeout: `duration` rounded up to whole milliseconds, at most a minute.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(min(max(milliseconds, 0), 60_000))
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
