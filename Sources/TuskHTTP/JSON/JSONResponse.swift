import Foundation
import Hummingbird
import TuskCore

/// Turns `JSONValue`s into responses and request bodies into typed inputs, so every endpoint
/// writes and reads JSON the same way (content type, status, size limit, error for bad input).
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var text = value.text
        text.append("\n")
        return Response(status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The largest JSON request body accepted (specs and forms are small).
    static let maximumBodyBytes = 4 * 1024 * 1024

    /// Decodes the request body as `Input`; a body that is not the expected JSON is an
    /// `invalid_argument` error naming what was wrong.
    static func decode<Input: Decodable>(_ type: Input.Type, from request: Request, what: String) async throws -> Input {
        let data = try await bodyData(request)
        do {
            return try JSONDecoder().decode(Input.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw TuskError.invalid("the \(what) needs a \"\(key.stringValue)\" field")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw TuskError.invalid("the \(what) field \"\(field)\" has the wrong type")
        } catch {
            throw TuskError.invalid("the \(what) is not valid JSON (send a JSON object with Content-Type: application/json)")
        }
    }

    /// The whole request body, up to `maximumBodyBytes`.
    static func bodyData(_ request: Request) async throws -> Data {
        var collected = Data()
        for try await buffer in request.body {
            collected.append(contentsOf: buffer.readableBytesView)
            if collected.count > maximumBodyBytes {
                throw TuskError.invalid("the request body is larger than \(maximumBodyBytes / 1024 / 1024) MiB")
            }
        }
        return collected
    }
}
