import Foundation
import GRPCCore
import SwiftProtobuf

/// Re-cuts a byte stream into `BytesValue` messages of at most `limit` bytes.
///
/// Engine chunks have content-defined sizes; clients cap messages (the Python SDK at 20 MiB),
/// and many tiny messages (tar headers) waste round trips. Small pieces are gathered and large
/// ones split, so every message but the last is exactly `limit` bytes. An actor because the
/// GetFileTAR walk feeds it from a `@Sendable` visitor.
actor BytesBatcher {
    /// 2 MiB: the Go client's chunk size, far below every client's receive limit.
    static let defaultLimit = 2 * 1024 * 1024

    private let writer: RPCWriter<Google_Protobuf_BytesValue>
    private let limit: Int
    private var buffer = Data()
    private(set) var messagesSent = 0

    init(writer: RPCWriter<Google_Protobuf_BytesValue>, limit: Int = BytesBatcher.defaultLimit) {
        self.writer = writer
        self.limit = max(1, limit)
    }

    func append(_ bytes: Data) async throws {
        // Whole messages are cut from `bytes` as slices (no copy); only a tail shorter than one
        // message waits in the buffer.
        var rest = bytes[...]
        if !buffer.isEmpty {
            let take = min(limit - buffer.count, rest.count)
            buffer.append(rest.prefix(take))
            rest = rest.dropFirst(take)
            guard buffer.count >= limit else { return }
            let piece = buffer
            buffer = Data()
            try await send(piece)
        }
        while rest.count >= limit {
            try await send(rest.prefix(limit))
            rest = rest.dropFirst(limit)
        }
        if !rest.isEmpty { buffer = Data(rest) }
    }

    func append(_ bytes: [UInt8]) async throws {
        try await append(Data(bytes))
    }

    /// Sends whatever is buffered.
    func flush() async throws {
        guard !buffer.isEmpty else { return }
        let piece = buffer
        buffer = Data()
        try await send(piece)
    }

    private func send(_ piece: Data) async throws {
        var message = Google_Protobuf_BytesValue()
        message.value = piece
        try await writer.write(message)
        messagesSent += 1
    }
}
