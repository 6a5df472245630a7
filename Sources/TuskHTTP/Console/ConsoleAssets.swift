import Foundation

/// The web console's static files (HTML, CSS, JavaScript) and `openapi.yaml`, compiled into
/// the binary so `tusk serve` has nothing to deploy beside it.
///
/// The bytes live in `ConsoleAssets+Generated.swift`, written by `scripts/embed-console.sh`
/// from `console/` and `docs/openapi.yaml`; a test fails when that file is out of date.
enum ConsoleAssets {
    /// One embedded file: its bytes, content type and a strong ETag.
    struct Asset: Sendable {
        let name: String
        let bytes: [UInt8]
        let contentType: String
        let etag: String
    }

    /// Every asset by name (`index.html`, `app.js`, `openapi.yaml`, ...).
    static let all: [String: Asset] = {
        var assets: [String: Asset] = [:]
        for (name, base64) in generatedBase64 {
            let bytes = [UInt8](Data(base64Encoded: base64, options: .ignoreUnknownCharacters) ?? Data())
            assets[name] = Asset(name: name, bytes: bytes, contentType: contentType(for: name), etag: "\"\(fingerprint(bytes))\"")
        }
        return assets
    }()

    static func asset(named name: String) -> Asset? { all[name] }

    static func contentType(for name: String) -> String {
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".svg") { return "image/svg+xml" }
        if name.hasSuffix(".yaml") { return "application/yaml; charset=utf-8" }
        if name.hasSuffix(".png") { return "image/png" }
        return "application/octet-stream"
    }

    /// A 64-bit FNV-1a digest in hex: enough to tell versions of a file apart for caching.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
