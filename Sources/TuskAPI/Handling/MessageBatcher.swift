import GRPCCore

/// Hands a server stream's messages to gRPC in batches instead of one at a time.
///
/// Each `RPCWriter.write` of a single message travels the HTTP/2 pipeline and flushes the
/// connection on its own; for listings of thousands of files that per-message flush cost more
/// than finding the files. `write(contentsOf:)` passes a batch down as one write with one
/// flush, and the client still receives one message per entry, as Pachyderm's API prescribes.
/// An actor because tree walks feed it from `@Sendable` visitors; call `flush()` at the end.
actor MessageBatcher<Message: Sendable> {
    /// Messages per write: large enough to amortise the flush, small enough that a client
    /// sees the first entries of a huge walk at once.
    static var defaultSize: Int { 256 }

    private let writer: RPCWriter<Message>
    private let size: Int
    private var pending: [Message] = []
    private var appended = 0

    init(writer: RPCWriter<Message>, size: Int = MessageBatcher.defaultSize) {
        self.writer = writer
        self.size = max(1, size)
        pending.reserveCapacity(self.size)
    }

    /// Queues `message`; returns how many messages were appended so far, this one included.
    @discardableResult
    func append(_ message: Message) async throws -> Int {
        pending.append(message)
        appended += 1
        if pending.count >= size { try await flush() }
        return appended
    }

    /// Sends whatever is pending.
    func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        try await writer.write(contentsOf: batch)
    }

    /// Sends `messages` in batches (no actor hop per message for results already in hand).
    static func write(_ messages: some Sequence<Message>, to writer: RPCWriter<Message>, size: Int = MessageBatcher.defaultSize) async throws {
        var batch: [Message] = []
        batch.reserveCapacity(size)
        for message in messages {
            batch.append(message)
            if batch.count >= size {
                try await writer.write(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await writer.write(contentsOf: batch) }
    }
}
