import Foundation
import Synchronization
import TuskCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads one output stream of user code, cuts it into lines and hands each line on as it
/// arrives; optionally keeps the last bytes of the stream (the stderr tail of a datum record).
///
/// It stops at end of file, or once `stop` says so: when the command has ended, a background
/// process that escaped the kill could keep the pipe open forever, and a datum must not hang on
/// it.
final class OutputLineReader: Sendable {
    /// Lines longer than this are handed on in pieces.
    static let maximumLineBytes = 64 * 1024

    private let descriptor: Int32
    private let stream: DatumLogLine.Stream
    private let tailLimit: Int
    private let clock: any WallClock
    private let deliver: @Sendable (DatumLogLine) -> Void
    private let stopDeadline = Mutex<ContinuousClock.Instant?>(nil)

    init(descriptor: Int32, stream: DatumLogLine.Stream, tailLimit: Int, clock: any WallClock, deliver: @escaping @Sendable (DatumLogLine) -> Void) {
        self.descriptor = descriptor
        self.stream = stream
        self.tailLimit = tailLimit
        self.clock = clock
        self.deliver = deliver
    }

    /// Lets the reader finish what is buffered and give up `grace` from now.
    func stop(after grace: Duration) {
        let deadline = ContinuousClock.now.advanced(by: grace)
        stopDeadline.withLock { $0 = $0.map { min($0, deadline) } ?? deadline }
    }

    /// Reads until end of file or the stop deadline, then closes the descriptor; returns the
    /// last `tailLimit` bytes read, decoded as UTF-8 (invalid sequences repaired).
    func readToEnd() async -> String {
        await DedicatedThread.run(name: "tusk-datum-\(stream.rawValue)") { [self] in
            let tail = pump()
            close(descriptor)
            return String(decoding: tail, as: UTF8.self)
        }
    }

    private func pump() -> [UInt8] {
        var pending: [UInt8] = []
        var tail: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0 && errno != EINTR { break }
            if ready <= 0 {
                if let deadline = stopDeadline.withLock({ $0 }), ContinuousClock.now >= deadline { break }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if count <= 0 { break }
            let bytes = buffer[0..<count]
            if tailLimit > 0 {
                tail.append(contentsOf: bytes)
                if tail.count > tailLimit * 2 { tail.removeFirst(tail.count - tailLimit) }
            }
            pending.append(contentsOf: bytes)
            emitCompleteLines(&pending)
        }
        if !pending.isEmpty { emit(pending[...]) }
        return tail.count > tailLimit ? Array(tail.suffix(tailLimit)) : tail
    }

    private func emitCompleteLines(_ pending: inout [UInt8]) {
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            emit(pending[start..<newline])
            start = newline + 1
        }
        while pending.count - start >= Self.maximumLineBytes {
            emit(pending[start..<(start + Self.maximumLineBytes)])
            start += Self.maximumLineBytes
        }
        pending.removeFirst(start)
    }

    private func emit(_ line: ArraySlice<UInt8>) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        deliver(DatumLogLine(stream: stream, text: text, timestamp: clock.now()))
    }
}
