import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TuskHTTP

@Suite("Files over /api/v1: listing, content, archives and uploads")
struct FileAPITests {
    static let base = "/api/v1/projects/default/repos/data/refs"

    @Test("a raw PUT writes one file; its content comes back with the type of its extension")
    func rawUploadAndContent() async throws {
        try await APIHarness.with { _, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"data"}"#)
            let put = try await client.call(.put, "\(Self.base)/master/content?path=/tables/a.csv", body: "x,y\n1,2\n")
            #expect(put.status == .created)
            let files = put.object["files"] as? [[String: Any]] ?? []
            #expect(files.first?["path"] as? String == "/tables/a.csv")
            #expect(files.first?["size_bytes"] as? Int == 8)

            let content = try await client.call(.get, "\(Self.base)/master/content?path=/tables/a.csv")
            #expect(content.status == .ok)
            #expect(content.text == "x,y\n1,2\n")
            #expect(content.header("Content-Type")?.hasPrefix("text/csv") == true)
            #expect(content.header("X-Tusk-File-Size") == "8")

            let head = try await client.call(.get, "\(Self.base)/master/content?path=/tables/a.csv&limit=3")
            #expect(head.text == "x,y")
            #expect(head.header("X-Tusk-Truncated") == "true")

            let download = try await client.call(.get, "\(Self.base)/master/content?path=/tables/a.csv&download=1")
            #expect(download.header("Content-Disposition")?.hasPrefix("attachment") == true)

            let replaced = try await client.call(.put, "\(Self.base)/master/content?path=/tables/a.csv", body: "new")
            #expect(replaced.status == .created)
            #expect(try await client.call(.get, "\(Self.base)/master/content?path=/tables/a.csv").text == "new")

            let appended = try await client.call(.put, "\(Self.base)/master/content?path=/tables/a.csv&append=true", body: "+more")
            #expect(appended.status == .created)
            #expect(try await client.call(.get, "\(Self.base)/master/content?path=/tables/a.csv").text == "new+more")

            let folder = try await client.call(.get, "\(Self.base)/master/content?path=/tables")
            #expect(folder.status == .badRequest)
            #expect((folder.object["error"] as? String)?.contains("archive") == true)

            let html = try await client.call(.put, "\(Self.base)/master/content?path=/page.html", body: "<script>alert(1)</script>")
            #expect(html.status == .created)
            let served = try await client.call(.get, "\(Self.base)/master/content?path=/page.html")
            #expect(served.header("Content-Disposition")?.hasPrefix("attachment") == true)
            #expect(served.header("Content-Security-Policy") == "sandbox")

            let globName = try await client.call(.put, "\(Self.base)/master/content?path=/a*.txt", body: "x")
            #expect(globName.status == .badRequest)
        }
    }

    @Test("a directory listing is paged in path order and says how many entries there are")
    func pagedListing() async throws {
        try await APIHarness.with { harness, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"data"}"#)
            var form = Multipart(boundary: "XyZ")
            for index in 0..<250 { form.add(name: String(format: "f%03d.txt", index), content: "\(index)") }
            let upload = try await client.call(.post, "\(Self.base)/master/upload?path=/many", headers: [.contentType: form.contentType], bytes: form.body)
            #expect(upload.status == .created)

            let page = try await client.call(.get, "\(Self.base)/master/files?path=/many&offset=100&limit=100")
            #expect(page.object["total"] as? Int == 250)
            #expect(page.object["next_offset"] as? Int == 200)
            #expect(page.items.count == 100)
            #expect(page.items.first?["name"] as? String == "f100.txt")
            #expect(page.items.first?["path"] as? String == "/many/f100.txt")
            #expect(page.items.first?["type"] as? String == "file")

            let root = try await client.call(.get, "\(Self.base)/master/files")
            #expect(root.items.map { $0["name"] as? String } == ["many"])
            #expect(root.items.first?["type"] as? String == "dir")
            let expectedSize: Int = (0..<250).map { String($0).count }.reduce(0, +)
            let rootSize = root.items.first?["size_bytes"] as? Int
            #expect(rootSize == expectedSize)

            let info = try await client.call(.get, "\(Self.base)/master/file?path=/many/f007.txt")
            #expect(info.object["content_type"] as? String == "text/plain; charset=utf-8")

            let missing = try await client.call(.get, "\(Self.base)/master/files?path=/nothing")
            #expect(missing.status == .notFound)
            _ = harness
        }
    }

    @Test("a multipart upload of files and folders is one commit")
    func multipartIsOneCommit() async throws {
        try await APIHarness.with { _, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"data"}"#)
            var form = Multipart(boundary: "----WebKitFormBoundary7MA4YWxkTrZu0gW")
            form.add(name: "one.txt", content: "first")
            form.add(name: "photos/2024/two.txt", content: "second")
            form.addField(name: "note", value: "ignored")
            form.add(name: "empty.txt", content: "")
            let upload = try await client.call(.post, "\(Self.base)/master/upload?path=/in", headers: [.contentType: form.contentType], bytes: form.body)
            #expect(upload.status == .created)
            let written = (upload.object["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
            #expect(written == ["/in/one.txt", "/in/photos/2024/two.txt", "/in/empty.txt"])

            let commits = try await client.call(.get, "/api/v1/projects/default/repos/data/commits")
            #expect(commits.object["total"] as? Int == 1)
            #expect(commits.items.first?["id"] as? String == upload.object["commit"] as? String)

            #expect(try await client.call(.get, "\(Self.base)/master/content?path=/in/photos/2024/two.txt").text == "second")
            #expect(try await client.call(.get, "\(Self.base)/master/file?path=/in/empty.txt").object["size_bytes"] as? Int == 0)

            let wrongType = try await client.call(.post, "\(Self.base)/master/upload", headers: [.contentType: "text/plain"], body: "x")
            #expect(wrongType.status == .badRequest)
            #expect((wrongType.object["error"] as? String)?.contains("multipart/form-data") == true)

            var truncated = Multipart(boundary: "b")
            truncated.add(name: "cut.txt", content: "abc")
            let cut = try await client.call(.post, "\(Self.base)/master/upload", headers: [.contentType: truncated.contentType], bytes: Array(truncated.body.dropLast(8)))
            #expect(cut.status == .badRequest)
            #expect(try await client.call(.get, "/api/v1/projects/default/repos/data/commits").object["total"] as? Int == 1)
        }
    }

    @Test("a folder downloads as a tar holding its files under the folder's name")
    func archive() async throws {
        try await APIHarness.with { _, client in
            _ = try await client.call(.post, "/api/v1/projects/default/repos", body: #"{"name":"data"}"#)
            var form = Multipart(boundary: "b0")
            form.add(name: "docs/a.txt", content: "alpha")
            form.add(name: "docs/sub/b.txt", content: "beta")
            form.add(name: "other.txt", content: "not in the archive")
            _ = try await client.call(.post, "\(Self.base)/master/upload", headers: [.contentType: form.contentType], bytes: form.body)
            let tar = try await client.call(.get, "\(Self.base)/master/archive?path=/docs")
            #expect(tar.status == .ok)
            #expect(tar.header("Content-Type") == "application/x-tar")
            #expect(tar.header("Content-Disposition")?.contains("docs.tar") == true)
            let entries = TarEntries.parse(tar.bytes)
            #expect(entries.map(\.name) == ["/docs/", "/docs/a.txt", "/docs/sub/", "/docs/sub/b.txt"])
            #expect(entries.first { $0.name == "/docs/sub/b.txt" }?.content == "beta")
        }
    }
}

/// Builds multipart/form-data bodies the way browsers do.
struct Multipart {
    let boundary: String
    var body: [UInt8] = []
    private var closed = false

    init(boundary: String) { self.boundary = boundary }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func add(name: String, content: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: text/plain\r\n\r\n\(content)\r\n")
    }

    mutating func addField(name: String, value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
    }

    private mutating func append(_ text: String) {
        body.removeLast(closed ? "--\(boundary)--\r\n".utf8.count : 0)
        body.append(contentsOf: Array(text.utf8))
        body.append(contentsOf: Array("--\(boundary)--\r\n".utf8))
        closed = true
    }
}

/// Reads the names and contents of a ustar stream (enough for the archive test).
enum TarEntries {
    struct Entry {
        var name: String
        var content: String
    }

    static func parse(_ bytes: [UInt8]) -> [Entry] {
        var entries: [Entry] = []
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = Array(bytes[offset..<offset + 512])
            if header.allSatisfy({ $0 == 0 }) { break }
            let field = { (start: Int, length: Int) in String(decoding: header[start..<start + length].prefix { $0 != 0 }, as: UTF8.self) }
            let prefix = field(345, 155)
            let name = prefix.isEmpty ? field(0, 100) : prefix + "/" + field(0, 100)
            let size = Int(field(124, 12).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0
            let start = offset + 512
            entries.append(Entry(name: name, content: String(decoding: bytes[start..<min(bytes.count, start + size)], as: UTF8.self)))
            offset = start + (size + 511) / 512 * 512
        }
        return entries
    }
}
