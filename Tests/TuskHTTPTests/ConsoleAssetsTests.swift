import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TuskHTTP

@Suite("The embedded console")
struct ConsoleAssetsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sourceFiles() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let console = root.appendingPathComponent("console")
        for name in try FileManager.default.contentsOfDirectory(atPath: console.path) {
            files[name] = Array(try Data(contentsOf: console.appendingPathComponent(name)))
        }
        files["openapi.yaml"] = Array(try Data(contentsOf: root.appendingPathComponent("docs/openapi.yaml")))
        return files
    }

    @Test("the generated Swift holds exactly console/ and docs/openapi.yaml (else run scripts/embed-console.sh)")
    func generatedFileIsCurrent() throws {
        let sources = try Self.sourceFiles()
        #expect(Set(ConsoleAssets.all.keys) == Set(sources.keys), "run bash scripts/embed-console.sh")
        for (name, bytes) in sources {
            #expect(ConsoleAssets.asset(named: name)?.bytes == bytes, "\(name) changed since the last embed; run bash scripts/embed-console.sh")
        }
    }

    @Test("every file the page and its modules load is embedded")
    func referencesResolve() throws {
        let html = String(decoding: try #require(ConsoleAssets.asset(named: "index.html")).bytes, as: UTF8.self)
        var referenced: Set<String> = []
        for match in html.matches(of: /\/console\/([A-Za-z0-9._-]+)/) { referenced.insert(String(match.1)) }
        for asset in ConsoleAssets.all.values where asset.name.hasSuffix(".js") {
            let text = String(decoding: asset.bytes, as: UTF8.self)
            for match in text.matches(of: /from '\.\/([A-Za-z0-9._-]+)'/) { referenced.insert(String(match.1)) }
        }
        #expect(referenced.contains("app.js"))
        #expect(referenced.contains("pages-repo.js"))
        for name in referenced {
            #expect(ConsoleAssets.asset(named: name) != nil, "\(name) is referenced but not embedded")
        }
    }

    @Test("/ serves the page with a content security policy; assets revalidate by ETag")
    func serving() async throws {
        try await APIHarness.with { _, client in
            let page = try await client.call(.get, "/")
            #expect(page.status == .ok)
            #expect(page.header("Content-Type") == "text/html; charset=utf-8")
            #expect(page.text.contains("/console/app.js"))
            #expect(page.header("Content-Security-Policy")?.contains("script-src 'self'") == true)

            let script = try await client.call(.get, "/console/app.js")
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            let etag = try #require(script.header("ETag"))
            let again = try await client.call(.get, "/console/app.js", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.bytes.isEmpty)

            let spec = try await client.call(.get, "/api/v1/openapi.yaml")
            #expect(spec.text.hasPrefix("openapi: 3"))

            let missing = try await client.call(.get, "/console/nothing.js")
            #expect(missing.status == .notFound)
        }
    }
}
