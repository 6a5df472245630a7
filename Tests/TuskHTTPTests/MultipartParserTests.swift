import Testing
@testable import TuskHTTP

@Suite("Streaming multipart parser")
struct MultipartParserTests {
    static let body = Array((
        "preamble to ignore\r\n--AaB03x\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "line one\r\n--not the boundary\r\n\r\n"
        + "--AaB03x\r\n"
        + "Content-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
        + "--AaB03x--\r\nepilogue"
    ).utf8)

    /// Parts as (headers, body text) after feeding `chunks`.
    static func parts(_ chunks: [[UInt8]]) throws -> [([String: String], String)] {
        var parser = MultipartParser(boundary: "AaB03x")
        var parts: [([String: String], [UInt8])] = []
        for chunk in chunks {
            for event in try parser.feed(chunk) {
                switch event {
                case .partStart(let headers): parts.append((headers, []))
                case .data(let bytes): parts[parts.count - 1].1 += bytes
                case .partEnd: break
                }
            }
        }
        try parser.finish()
        return parts.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
    }

    @Test("the same parts come out however the body is split")
    func everySplit() throws {
        let whole = try Self.parts([Self.body])
        #expect(whole.count == 2)
        #expect(whole[0].0["content-type"] == "text/plain")
        #expect(whole[0].1 == "line one\r\n--not the boundary\r\n")
        #expect(whole[1].1 == "hello")
        for cut in 1..<Self.body.count {
            let split = try Self.parts([Array(Self.body[..<cut]), Array(Self.body[cut...])])
            #expect(split.map(\.1) == whole.map(\.1), "split at \(cut)")
            #expect(split.map(\.0) == whole.map(\.0), "split at \(cut)")
        }
        let bytewise = try Self.parts(Self.body.map { [$0] })
        #expect(bytewise.map(\.1) == whole.map(\.1))
    }

    @Test("a body without its closing boundary is refused")
    func truncated() throws {
        var parser = MultipartParser(boundary: "AaB03x")
        _ = try parser.feed(Self.body.prefix(120))
        #expect(throws: (any Error).self) { try parser.finish() }
    }

    @Test("the boundary is read from the content type, quoted or not")
    func boundary() {
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; boundary=----x1") == "----x1")
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(MultipartParser.boundary(fromContentType: "text/plain; boundary=x") == nil)
        #expect(MultipartParser.boundary(fromContentType: "multipart/form-data") == nil)
    }

    @Test("file names come from filename or filename*, with folders and escapes")
    func fileNames() {
        #expect(MultipartOperations.fileName("form-data; name=\"file\"; filename=\"photos/a b.png\"") == "photos/a b.png")
        #expect(MultipartOperations.fileName("form-data; name=\"file\"; filename=\"q\\\"uote.txt\"") == "q\"uote.txt")
        #expect(MultipartOperations.fileName("form-data; name=\"file\"; filename*=UTF-8''caf%C3%A9.txt") == "café.txt")
        #expect(MultipartOperations.fileName("form-data; name=\"note\"") == nil)
    }
}
