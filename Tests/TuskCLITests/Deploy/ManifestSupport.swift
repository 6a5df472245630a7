import Foundation
import Yams
@testable import TuskCLI
import TuskKubernetes

/// Helpers for reading rendered manifests back the way kubectl would: through a YAML parser.
enum RenderedManifests {
    /// Every document of a YAML stream, parsed by Yams.
    static func parse(_ stream: String) throws -> [[String: Any]] {
        var sequence = try Yams.load_all(yaml: stream)
        var documents: [[String: Any]] = []
        while let document = sequence.next() {
            if let object = document as? [String: Any] { documents.append(object) }
        }
        if let error = sequence.error { throw error }
        return documents
    }

    /// The documents of `tusk deploy kubernetes <arguments>`, run through the real CLI.
    static func deploy(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, documents: [[String: Any]], output: String, errors: String) {
        let captured = CapturedConsole()
        var environment = environment
        environment["PACH_CONFIG"] = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-no-config-\(UUID().uuidString).json").path
        let status = await CLI.run(arguments: ["deploy", "kubernetes"] + arguments, environment: environment, console: captured.console)
        let documents = status == 0 && !arguments.contains("json") ? try parse(captured.output) : []
        return (status, documents, captured.output, captured.errors)
    }

    /// The one document of `kind` named `name`.
    static func object(_ documents: [[String: Any]], kind: String, name: String) -> [String: Any]? {
        documents.first { $0["kind"] as? String == kind && (($0["metadata"] as? [String: Any])?["name"] as? String) == name }
    }
}

/// Walks a decoded YAML/JSON tree by keys and list indexes: `tree.at("spec", "template", 0)`.
extension Dictionary where Key == String, Value == Any {
    func at(_ path: Any...) -> Any? {
        var current: Any? = self
        for step in path {
            if let key = step as? String { current = (current as? [String: Any])?[key] }
            else if let index = step as? Int, let list = current as? [Any], list.indices.contains(index) { current = list[index] }
            else { return nil }
        }
        return current
    }
}
