import Foundation
import TuskCore

/// The bytes of a local file (or standard input) as an async sequence of chunks, read lazily so
/// memory stays flat however large the file is.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = Data

    let path: String?
    let chunkBytes: Int

    /// Reads `path`; nil reads standard input.
    public init(path: String?, chunkBytes: Int = ModifyFileWriter.chunkBytes) {
        self.path = path
        self.chunkBytes = chunkBytes
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        let chunkBytes: Int
        var failure: TuskError?
        var done = false

        public mutating func next() async throws -> Data? {
            if let failure { throw failure }
            guard !done, let handle else { return nil }
            let data = try handle.read(upToCount: chunkBytes) ?? Data()
            if data.isEmpty {
                done = true
                try? handle.close()
                return nil
            }
            return data
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        guard let path else { return AsyncIterator(handle: FileHandle.standardInput, chunkBytes: chunkBytes) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return AsyncIterator(handle: nil, chunkBytes: chunkBytes, failure: TuskError.notFound("cannot open local file \(path) for reading; check the path and its permissions", location: path))
        }
        return AsyncIterator(handle: handle, chunkBytes: chunkBytes)
    }
}
