import Foundation
import Hummingbird
import TuskCore
import TuskPFS

/// A `multipart/form-data` body (a browser's FormData, `curl -F file=@x`) as the
/// `FileOperation` stream PFS consumes: every part with a file name becomes a file under
/// `directory` (the name may hold sub-folders, as a folder upload sends them), replacing what
/// was there; parts without a file name (plain form fields) are skipped. All files of one
/// request land in one commit.
struct MultipartOperations: AsyncSequence, Sendable {
    typealias Element = FileOperation

    let body: RequestBody
    let boundary: String
    let directory: FilePath
    let receipt: UploadReceipt

    struct AsyncIterator: AsyncIteratorProtocol {
        var body: RequestBody.AsyncIterator
        var parser: MultipartParser
        var queue: [FileOperation] = []
        var queueIndex = 0
        var current: FilePath?
        var finished = false
        let directory: FilePath
        let receipt: UploadReceipt

        mutating func next() async throws -> FileOperation? {
            while queueIndex >= queue.count {
                queue.removeAll(keepingCapacity: true)
                queueIndex = 0
                if finished { return nil }
                guard let buffer = try await body.next() else {
                    try parser.finish()
                    finished = true
                    continue
                }
                for event in try parser.feed(buffer.readableBytesView) { try handle(event) }
            }
            defer { queueIndex += 1 }
            return queue[queueIndex]
        }

        mutating func handle(_ event: MultipartParser.Event) throws {
            switch event {
            case .partStart(let headers):
                current = nil
                guard let name = MultipartOperations.fileName(headers["content-disposition"] ?? "") else { return }
                guard !name.isEmpty else {
                    throw TuskError.invalid("a file in the upload has an empty name")
                }
                let path = directory.appending(try FilePath(validating: name, forWriting: true))
                if path.isRoot { throw TuskError.invalid("the uploaded file name \"\(name)\" names no file") }
                current = path
                receipt.begin(path.string)
                queue.append(.delete(path: path))
                queue.append(.append(path: path, data: Data()))
            case .data(let bytes):
                guard let path = current else { return }
                receipt.add(bytes.count)
                queue.append(.append(path: path, data: Data(bytes)))
            case .partEnd:
                current = nil
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(body: body.makeAsyncIterator(), parser: MultipartParser(boundary: boundary), directory: directory, receipt: receipt)
    }

    /// The `filename` (or RFC 5987 `filename*`) parameter of a `Content-Disposition` value;
    /// nil when the part carries no file.
    static func fileName(_ disposition: String) -> String? {
        var plain: String?
        var extended: String?
        for (name, value) in parameters(disposition) {
            switch name {
            case "filename": plain = value
            case "filename*":
                if let quote = value.range(of: "''") {
                    extended = String(value[quote.upperBound...]).removingPercentEncoding
                }
            default: break
            }
        }
        return extended ?? plain
    }

    /// `; name="value"` parameters, with quoted strings unescaped.
    static func parameters(_ header: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var characters = Array(header)
        characters.append(";")
        var index = 0
        // Skip the disposition type.
        while index < characters.count, characters[index] != ";" { index += 1 }
        while index < characters.count {
            index += 1
            while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
            var name = ""
            while index < characters.count, characters[index] != "=", characters[index] != ";" {
                name.append(characters[index])
                index += 1
            }
            guard index < characters.count, characters[index] == "=" else { continue }
            index += 1
            var value = ""
            if index < characters.count, characters[index] == "\"" {
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                    value.append(characters[index])
                    index += 1
                }
                while index < characters.count, characters[index] != ";" { index += 1 }
            } else {
                while index < characters.count, characters[index] != ";" {
                    value.append(characters[index])
                    index += 1
                }
            }
            result.append((name.trimmed(of: " \t").lowercased(), value.trimmed(of: " \t")))
        }
        return result
    }
}
