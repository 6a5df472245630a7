import AsyncHTTPClient
import Foundation
import TuskCore

/// A tiny HTTP server (Python's standard library, in a subprocess) that misbehaves the way S3
/// does under load, chosen by the last path component of the request:
/// `slow*` answers 503 SlowDown twice and then 200; `always*` always 503 SlowDown;
/// `denied*` always 403 AccessDenied; `drop*` closes the first connection without answering;
/// `timeout*` answers 400 RequestTimeout once. Anything else, and a recovered request, gets 200
/// with the body `recovered` for GET. `GET /__count?path=P` tells how many requests reached P.
final class FlakyS3Server: Sendable {
    let port: Int
    private let helper: PythonTestProcess

    private static let script = #"""
        import http.server, os, socket, sys, threading, urllib.parse
        counts = {}
        lock = threading.Lock()
        def error(code, message):
            return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message><RequestId>flaky-1</RequestId></Error>" % (code, message)).encode()
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def reply(self, status, body):
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                parts = urllib.parse.urlsplit(self.path)
                if parts.path == "/__count":
                    wanted = urllib.parse.parse_qs(parts.query)["path"][0]
                    with lock:
                        return self.reply(200, str(counts.get(wanted, 0)).encode())
                with lock:
                    counts[parts.path] = counts.get(parts.path, 0) + 1
                    seen = counts[parts.path]
                name = parts.path.rsplit("/", 1)[-1]
                if name.startswith("slow") and seen <= 2:
                    return self.reply(503, error("SlowDown", "Please reduce your request rate."))
                if name.startswith("always"):
                    return self.reply(503, error("SlowDown", "Please reduce your request rate."))
                if name.startswith("denied"):
                    return self.reply(403, error("AccessDenied", "Access Denied"))
                if name.startswith("timeout") and seen == 1:
                    return self.reply(400, error("RequestTimeout", "Your socket connection to the server was not read from or written to within the timeout period."))
                if name.startswith("drop") and seen == 1:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.reply(200, b"recovered" if self.command == "GET" else b"")
            do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = answer
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        server.serve_forever()
        """#

    init() throws {
        let helper = try PythonTestProcess(
            script: Self.script, exitedEarly: TuskError.internal("the flaky S3 server exited before printing its port"))
        guard let port = Int(helper.announcement) else {
            helper.stop()
            throw TuskError.internal("the flaky S3 server printed \(helper.announcement) instead of a port")
        }
        self.port = port
        self.helper = helper
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// How many requests reached `path` (such as `/bucket/slow-1`).
    func requests(to path: String) async throws -> Int {
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? path
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(endpoint)/__count?path=\(escaped)"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1024)
        return Int(String(buffer: body)) ?? -1
    }

    func stop() {
        helper.stop()
    }
}
