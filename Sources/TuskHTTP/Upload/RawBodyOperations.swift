import Foundation
import Hummingbird
import TuskCore
import TuskPFS

/// A raw request body (`curl -T file`, `PUT …/content?path=`) as the `FileOperation` stream
/// PFS consumes: replace (or append to) one file, then one append per network buffer, so the
/// bytes flow from the socket into the content store without being gathered.
struct RawBodyOperations: AsyncSequence, Sendable {
    typealias Element = FileOperation

    let body: RequestBody
    let path: FilePath
    let append: Bool
    let receipt: UploadReceipt

    struct AsyncIterator: AsyncIteratorProtocol {
        var body: RequestBody.AsyncIterator
        var prologue: [FileOperation]
        let path: FilePath
        let receipt: UploadReceipt

        mutating func next() async throws -> FileOperation? {
            if !prologue.isEmpty { return prologue.removeFirst() }
            guard let buffer = try await body.next() else { return nil }
            receipt.add(buffer.readableBytes)
            return .append(path: path, data: Data(buffer.readableBytesView))
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        receipt.begin(path.string)
        var prologue: [FileOperation] = append ? [] : [.delete(path: path)]
        prologue.append(.append(path: path, data: Data()))
        return AsyncIterator(body: body.makeAsyncIterator(), prologue: prologue, path: path, receipt: receipt)
    }
}
