import TuskCore

/// Cuts one output stream of user code into lines and hands each line on as it arrives, and
/// keeps the last bytes of the stream when asked (the stderr tail of a datum record).
///
/// It only splits bytes; `OutputPump` reads the pipes and feeds it.
struct OutputLineReader {
    /// Lines longer than this are handed on in pieces.
    static let maximumLineBytes = 64 * 1024

    let stream: DatumLogLine.Stream
    let tailLimit: Int
    let clock: any WallClock
    let deliver: @Sendable (DatumLogLine) -> Void
    private var pending: [UInt8] = []
    private var tail: [UInt8] = []

    init(stream: DatumLogLine.Stream, tailLimit: Int, clock: any WallClock, deliver: @escaping @Sendable (DatumLogLine) -> Void) {
        self.stream = stream
        self.tailLimit = tailLimit
        self.clock = clock
        self.deliver = deliver
    }

    /// Takes the next bytes read from the stream; hands on every line they complete.
    mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        if tailLimit > 0 {
            tail.append(contentsOf: bytes)
            if tail.count > tailLimit * 2 { tail.removeFirst(tail.count - tailLimit) }
        }
        pending.append(contentsOf: bytes)
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

    /// Hands on an unterminated last line; returns the last `tailLimit` bytes of the stream,
    /// decoded as UTF-8 (invalid sequences repaired).
    mutating func finish() -> String {
        if !pending.isEmpty { emit(pending[...]) }
        pending = []
        return String(decoding: tail.count > tailLimit ? Array(tail.suffix(tailLimit)) : tail, as: UTF8.self)
    }

    private func emit(_ line: ArraySlice<UInt8>) {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        deliver(DatumLogLine(stream: stream, text: text, timestamp: clock.now()))
    }
}
