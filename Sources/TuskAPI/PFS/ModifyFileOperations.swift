import Foundation
import TuskCore
import TuskPFS
import TuskProto

/// The single reader of a `ModifyFile` request stream.
///
/// The handler reads the first message (`set_commit`) itself and hands the rest to the engine;
/// both go through this one iterator, which an actor owns because the engine consumes the
/// operations from its own task.
actor ModifyFileRequestCursor<Requests: AsyncSequence & Sendable> where Requests.Element == PfsV2_ModifyFileRequest {
    private var iterator: Requests.AsyncIterator

    init(_ requests: Requests) {
        self.iterator = requests.makeAsyncIterator()
    }

    /// The next request; callers take turns (one consumer at a time), as the handler and then
    /// the engine do.
    func next() async throws -> PfsV2_ModifyFileRequest? {
        var current = iterator
        let request = try await current.next(isolation: self)
        iterator = current
        return request
    }
}

/// The rest of a `ModifyFile` request stream (after its `set_commit`), seen as engine
/// `FileOperation`s.
///
/// It is lazy: each request is read from the network only when the engine asks for the next
/// operation, so a multi-GiB upload flows through in the client's chunks and is never held in
/// memory whole. The protocol rules of pachyderm-api.md §2.2 are enforced as messages arrive:
/// no second `set_commit`, no message without a body, write paths free of glob characters.
struct ModifyFileOperations<Requests: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Requests.Element == PfsV2_ModifyFileRequest {
    typealias Element = FileOperation

    let cursor: ModifyFileRequestCursor<Requests>

    func makeAsyncIterator() -> Iterator {
        Iterator(cursor: cursor)
    }

    struct Iterator: AsyncIteratorProtocol {
        let cursor: ModifyFileRequestCursor<Requests>

        func next() async throws -> FileOperation? {
            guard let request = try await cursor.next() else { return nil }
            return try ModifyFileTranslation.operation(for: request)
        }
    }
}

/// The meaning of one `ModifyFileRequest` body after the first message.
enum ModifyFileTranslation {
    static func operation(for request: PfsV2_ModifyFileRequest) throws -> FileOperation {
        switch request.body {
        case .none:
            throw TuskError.invalid("a ModifyFile message has no body; each message must carry one of set_commit, add_file, delete_file or copy_file", location: "ModifyFileRequest")
        case .setCommit:
            throw TuskError.invalid("a ModifyFile stream sets its commit only once, in its first message; open a new stream to write to another commit", location: "set_commit")
        case .addFile(let add):
            let path = try RequestPaths.writePath(add.path)
            switch add.source {
            case .raw(let bytes):
                return .append(path: path, data: bytes.value)
            case .url(let source):
                guard !source.url.isEmpty else {
                    throw TuskError.invalid("add_file for \(path) has an empty URL source", location: path.string)
                }
                return .appendURL(path: path, url: source.url)
            case .none:
                // No source means "make sure an empty file exists" (the Go client's empty put).
                return .append(path: path, data: Data())
            }
        case .deleteFile(let delete):
            // A trailing "/" names a directory; the engine deletes a file or a whole subtree alike.
            return .delete(path: try RequestPaths.readPath(delete.path))
        case .copyFile(let copy):
            guard copy.hasSrc else {
                throw TuskError.invalid("copy_file to \(copy.dst) has no source file; set src", location: copy.dst)
            }
            let source = try copy.src.commit.selector()
            return .copy(
                source: source, sourcePath: try RequestPaths.readPath(copy.src.path),
                destination: try RequestPaths.writePath(copy.dst), append: copy.append)
        }
    }
}
