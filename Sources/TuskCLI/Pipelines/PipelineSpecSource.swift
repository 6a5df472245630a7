import AsyncHTTPClient
import Foundation
import NIOCore
import TuskCore

/// Where `create/update pipeline -f` reads a spec: a local file, `-` for stdin, or an
/// `http(s)://` URL. The text is sent as is: the server parses JSON and YAML and finds every
/// pipeline in it.
enum PipelineSpecSource: Equatable {
    case standardInput
    case local(String)
    case url(URL)

    init(_ text: String) throws {
        if text == "-" {
            self = .standardInput
        } else if text.hasPrefix("http://") || text.hasPrefix("https://") {
            guard let url = URL(string: text) else {
                throw TuskError.invalid("--file \"\(text)\" is not a valid URL", location: "--file")
            }
            self = .url(url)
        } else {
            self = .local(text)
        }
    }

    /// The spec text; a missing file, a failed download or text that is not UTF-8 is an error
    /// naming the source.
    func read() async throws -> String {
        let data: Data
        let name: String
        switch self {
        case .standardInput:
            name = "standard input"
            data = FileHandle.standardInput.readDataToEndOfFile()
        case .local(let path):
            name = path
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw TuskError.notFound("cannot read the pipeline spec \(path): no such file, or it is not readable", location: path)
            }
            data = contents
        case .url(let url):
            name = url.absoluteString
            data = try await Self.download(url, name: name)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TuskError.invalid("the pipeline spec \(name) is not UTF-8 text", location: name)
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            throw TuskError.invalid("the pipeline spec \(name) is empty; give a JSON or YAML spec with at least pipeline and transform", location: name)
        }
        return text
    }

    /// The largest spec `-f <url>` downloads.
    static let largestDownload = 16 << 20

    /// Fetches a spec over HTTP(S) (AsyncHTTPClient, so the CLI does not load Foundation's
    /// networking and its libcurl stack at every start); redirects are followed.
    private static func download(_ url: URL, name: String) async throws -> Data {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url.absoluteString), timeout: .seconds(60))
            guard (200..<300).contains(response.status.code) else {
                throw TuskError.notFound("cannot download the pipeline spec \(name): HTTP status \(response.status.code)", location: name)
            }
            let body = try await response.body.collect(upTo: largestDownload)
            return Data(body.readableBytesView)
        } catch let error as TuskError {
            throw error
        } catch {
            throw TuskError(.unavailable, "cannot download the pipeline spec \(name): \(error)", location: name)
        }
    }

    /// The pipeline names in the server's effective spec JSON (one object or an array).
    static func pipelineNames(inEffectiveJSON text: String) -> [String] {
        guard let data = text.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data) else { return [] }
        let objects = (value as? [Any]) ?? [value]
        return objects.compactMap { object in
            ((object as? [String: Any])?["pipeline"] as? [String: Any])?["name"] as? String
        }
    }
}
