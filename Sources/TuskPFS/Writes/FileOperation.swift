import Foundation
import TuskCore
import TuskStorage

/// One step of a `ModifyFile` stream, in the order the client sent it.
public enum FileOperation: Sendable {
    /// Appends bytes to a file (creating it). Consecutive `append`s to one path form one stream.
    case append(path: FilePath, data: Data)
    /// Appends content whose bytes are already in the store (a datum's output) to a file.
    case appendStored(path: FilePath, content: FileContent)
    /// Appends the content behind a URL to a file.
    case appendURL(path: FilePath, url: String)
    /// Deletes a file or a directory with everything below it; missing paths are not an error.
    case delete(path: FilePath)
    /// Places the file or directory at `source`:`sourcePath` at `destination`, by reference
    /// (no bytes copied); replaces what is there unless `append`.
    case copy(source: CommitSelector, sourcePath: FilePath, destination: FilePath, append: Bool)
}

/// Where a `ModifyFile` stream writes: an explicit open commit, or a branch (its open head, or
/// a one-off commit created and finished atomically when the head is finished or missing).
public enum WriteTarget: Sendable, CustomStringConvertible {
    case commit(CommitSelector)
    case branch(BranchID)

    public var description: String {
        switch self {
        case .commit(let selector): return selector.description
        case .branch(let branch): return branch.description
        }
    }
}

/// A finished list of operations presented as the async sequence `modifyFiles` consumes
/// (used by tests, the HTTP upload endpoint and other in-process writers).
public struct FileOperationList: AsyncSequence, Sendable {
    public typealias Element = FileOperation
    let operations: [FileOperation]

    public init(_ operations: [FileOperation]) { self.operations = operations }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: IndexingIterator<[FileOperation]>
        public mutating func next() async -> FileOperation? { remaining.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: operations.makeIterator()) }
}
