/// The `Content-Type` a file is served with, from its name: text, CSV, JSON and images get
/// their own types so browsers preview them; anything else is a download.
enum ContentType {
    static let byExtension: [String: String] = [
        "txt": "text/plain; charset=utf-8", "log": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8",
        "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
        "json": "application/json", "jsonl": "application/x-ndjson", "ndjson": "application/x-ndjson",
        "yaml": "application/yaml", "yml": "application/yaml", "xml": "application/xml",
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "py": "text/x-python; charset=utf-8", "sh": "text/x-shellscript; charset=utf-8",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "bmp": "image/bmp", "ico": "image/x-icon",
        "pdf": "application/pdf", "tar": "application/x-tar", "gz": "application/gzip", "zip": "application/zip",
    ]

    static func forFile(named name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "application/octet-stream" }
        let suffix = name[name.index(after: dot)...].lowercased()
        return byExtension[suffix] ?? "application/octet-stream"
    }

    /// Types a browser page may render inline from the API (others are sent as attachments,
    /// so an uploaded HTML or SVG file cannot run script in the console's origin).
    static func isSafeInline(_ type: String) -> Bool {
        if type.hasPrefix("text/html") || type.hasPrefix("image/svg") || type.hasPrefix("text/javascript") { return false }
        return type.hasPrefix("text/") || type.hasPrefix("image/") || type == "application/json" || type == "application/x-ndjson"
            || type == "application/yaml" || type == "application/pdf"
    }
}
