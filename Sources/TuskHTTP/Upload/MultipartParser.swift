import TuskCore

/// A streaming parser of `multipart/form-data` bodies (RFC 7578): bytes go in as they arrive
/// from the network, events come out, and at most one boundary's worth of bytes is held back,
/// so a multi-GiB upload is never buffered.
///
/// It is a pure state machine (no I/O), tested by feeding it bodies split at every position.
struct MultipartParser {
    /// What the parser found in the bytes fed so far, in order.
    enum Event: Equatable {
        /// A part begins; header names are lowercased.
        case partStart(headers: [String: String])
        /// Bytes of the current part's body.
        case data([UInt8])
        /// The current part's body is complete.
        case partEnd
    }

    private enum State {
        case body(inPart: Bool)
        case afterBoundary
        case headers
        case done
    }

    static let maximumHeaderBytes = 16 * 1024

    private let delimiter: [UInt8]
    private var pending: [UInt8]
    private var state = State.body(inPart: false)

    /// Reads the boundary from a `Content-Type` header value such as
    /// `multipart/form-data; boundary=----x`.
    static func boundary(fromContentType value: String) -> String? {
        let parts = value.split(separator: ";").map { $0.trimmed(of: " \t") }
        guard let first = parts.first, first.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pieces.count == 2, pieces[0].lowercased() == "boundary" {
                var boundary = pieces[1]
                if boundary.count >= 2, boundary.hasPrefix("\""), boundary.hasSuffix("\"") { boundary = String(boundary.dropFirst().dropLast()) }
                return boundary.isEmpty || boundary.utf8.count > 200 ? nil : boundary
            }
        }
        return nil
    }

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first boundary may open the body without a preceding line break; a virtual one
        // lets the same delimiter search find it.
        pending = [13, 10]
    }

    /// Parses `bytes` appended to what came before.
    mutating func feed(_ bytes: some Collection<UInt8>) throws -> [Event] {
        pending.append(contentsOf: bytes)
        var events: [Event] = []
        var progressing = true
        while progressing {
            progressing = try step(&events)
        }
        return events
    }

    /// Checks the body ended properly (after the closing boundary).
    func finish() throws {
        guard case .done = state else {
            throw TuskError.invalid("the multipart upload ended early (no closing boundary): was the upload interrupted?")
        }
    }

    /// One transition; false when more bytes are needed.
    private mutating func step(_ events: inout [Event]) throws -> Bool {
        switch state {
        case .done:
            pending.removeAll()
            return false
        case .body(let inPart):
            if let index = Self.find(delimiter, in: pending) {
                if inPart {
                    if index > 0 { events.append(.data(Array(pending[0..<index]))) }
                    events.append(.partEnd)
                }
                pending.removeFirst(index + delimiter.count)
                state = .afterBoundary
                return true
            }
            let keep = delimiter.count - 1
            if pending.count > keep {
                let cut = pending.count - keep
                if inPart { events.append(.data(Array(pending[0..<cut]))) }
                pending.removeFirst(cut)
            }
            return false
        case .afterBoundary:
            var index = 0
            while index < pending.count, pending[index] == 32 || pending[index] == 9 { index += 1 }
            guard pending.count >= index + 2 else { return false }
            if pending[index] == 45, pending[index + 1] == 45 {
                state = .done
                pending.removeAll()
                return false
            }
            guard pending[index] == 13, pending[index + 1] == 10 else {
                throw TuskError.invalid("the multipart body is malformed: a boundary line is followed by something other than a line break")
            }
            pending.removeFirst(index)
            state = .headers
            return true
        case .headers:
            guard let end = Self.find([13, 10, 13, 10], in: pending) else {
                if pending.count > Self.maximumHeaderBytes {
                    throw TuskError.invalid("the multipart body is malformed: a part's headers are longer than \(Self.maximumHeaderBytes) bytes")
                }
                return false
            }
            let text = String(decoding: pending[2..<max(2, end)], as: UTF8.self)
            pending.removeFirst(end + 4)
            events.append(.partStart(headers: Self.headers(text)))
            state = .body(inPart: true)
            return true
        }
    }

    static func headers(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmed(of: " \t").lowercased()
            headers[name] = line[line.index(after: colon)...].trimmed(of: " \t")
        }
        return headers
    }

    /// The first index of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            guard let index = haystack[start...last].firstIndex(of: first) else { return nil }
            var matched = true
            for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                matched = false
                break
            }
            if matched { return index }
            start = index + 1
        }
        return nil
    }
}

extension Substring {
    func trimmed(of characters: String) -> String {
        var slice = self[...]
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    func trimmed(of characters: String) -> String {
        self[...].trimmed(of: characters)
    }
}
