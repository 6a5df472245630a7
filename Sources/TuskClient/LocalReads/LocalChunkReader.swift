import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a `LocatedFile` from the daemon's object store files directly, verifying every chunk
/// against its SHA-256 before handing it on.
///
/// Each chunk is read with `pread` into a buffer reused from a small pool (one copy from the
/// page cache; see `ChunkBufferPool` for why buffers are reused), and
/// the next `readAhead` chunks are read and hashed concurrently while the current one is
/// consumed, so verification runs on every core. Any chunk it cannot use (missing, unreadable, a different
/// size or digest — another host, another user, a store being collected) stops the read at that
/// chunk's first byte and reports the offset, so the caller streams the rest from the daemon,
/// which has the authority to report data loss. At most `readAhead + 1` chunks are in memory.
public struct LocalChunkReader: Sendable {
    /// How a local read ended.
    public enum Outcome: Sendable, Equatable {
        /// Every byte from the offset on was delivered.
        case complete
        /// Bytes before `offset` were delivered; the chunk at `offset` could not be used locally.
        case stopped(offset: Int64, reason: String)
    }

    public let readAhead: Int

    public init(readAhead: Int = 4) {
        self.readAhead = max(0, readAhead)
    }

    /// Delivers the bytes of `located` from `offset` on to `consume`, chunk by chunk, in order.
    public func read(_ located: LocatedFile, offset: Int64 = 0, consume: (Data) async throws -> Void) async throws -> Outcome {
        var start = 0
        var position: Int64 = 0
        while start < located.chunks.count, position + located.chunks[start].size <= offset {
            position += located.chunks[start].size
            start += 1
        }
        var skip = Int(offset - position)
        let chunks = located.chunks
        let pool = ChunkBufferPool(bufferSize: Int(chunks.map(\.size).max() ?? 1))
        var pending: [Task<Result<Data, LocalChunkFailure>, Never>] = []
        defer { for task in pending { task.cancel() } }
        var next = start
        while next < chunks.count || !pending.isEmpty {
            while pending.count <= readAhead, next < chunks.count {
                let chunk = chunks[next]
                pending.append(Task { Self.readAndVerified(chunk, pool: pool) })
                next += 1
            }
            let result = await pending.removeFirst().value
            switch result {
            case .failure(let failure):
                return .stopped(offset: max(position, offset), reason: failure.reason)
            case .success(let data):
                let size = Int64(data.count)
                if skip > 0 {
                    try await consume(data.subdata(in: skip..<data.count))
                    skip = 0
                } else {
                    try await consume(data)
                }
                position += size
            }
        }
        return .complete
    }

    /// The chunk's bytes, read from its file and checked against its size and digest.
    static func readAndVerified(_ chunk: LocatedFile.Chunk, pool: ChunkBufferPool) -> Result<Data, LocalChunkFailure> {
        if Task.isCancelled { return .failure(LocalChunkFailure(reason: "cancelled")) }
        guard chunk.size > 0 else {
            return SHA256.hash(data: Data()).elementsEqual(chunk.sha256) ? .success(Data()) : .failure(LocalChunkFailure(reason: "\(chunk.path): an empty chunk with another digest"))
        }
        let descriptor = open(chunk.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(LocalChunkFailure(reason: "\(chunk.path): \(String(cString: strerror(errno)))"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, Int64(status.st_size) == chunk.size else {
            return .failure(LocalChunkFailure(reason: "\(chunk.path): not \(chunk.size) bytes long"))
        }
        let length = Int(chunk.size)
        guard length <= pool.bufferSize, let buffer = pool.take() else {
            return .failure(LocalChunkFailure(reason: "\(chunk.path): no memory for \(length) bytes"))
        }
        var filled = 0
        while filled < length {
            let count = pread(descriptor, buffer + filled, length - filled, off_t(filled))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = count < 0 ? String(cString: strerror(errno)) : "ended after \(filled) bytes"
                pool.give(buffer)
                return .failure(LocalChunkFailure(reason: "\(chunk.path): \(reason)"))
            }
            filled += count
        }
        let data = pool.data(buffer, count: length)
        guard SHA256.hash(data: data).elementsEqual(chunk.sha256) else {
            return .failure(LocalChunkFailure(reason: "\(chunk.path): its bytes do not hash to the chunk's digest"))
        }
        return .success(data)
    }
}

/// Why one chunk could not be read locally (the read falls back to the daemon there).
struct LocalChunkFailure: Error, Sendable {
    let reason: String
}
