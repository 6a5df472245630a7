import Foundation
import TuskCore
import Yams

/// Fills `pipeline.project.name` from the active context into specs that do not name a
/// project, as pachctl does before it sends them, so `tusk config update context --project P`
/// makes `create pipeline` work in P.
enum PipelineSpecProject {
    /// Returns `text` unchanged for the default project or when every spec names its project;
    /// otherwise the specs as a JSON array with the project filled in.
    static func inject(_ text: String, project: String) throws -> String {
        guard project != ProjectName.default.value else { return text }
        var specs: [Any] = []
        if let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) {
            specs = (json as? [Any]) ?? [json]
        } else {
            do {
                for document in try Yams.load_all(yaml: text) {
                    if let list = document as? [Any] { specs += list } else { specs.append(document) }
                }
            } catch {
                return text  // leave it to the server, which names what is wrong
            }
        }
        var changed = false
        let filled: [Any] = specs.map { spec in
            guard var object = spec as? [String: Any] else { return spec }
            var pipeline = (object["pipeline"] as? [String: Any]) ?? [:]
            let existing = (pipeline["project"] as? [String: Any])?["name"] as? String
            if existing == nil || existing?.isEmpty == true {
                pipeline["project"] = ["name": project]
                object["pipeline"] = pipeline
                changed = true
            }
            return object
        }
        guard changed, JSONSerialization.isValidJSONObject(filled) else { return text }
        let data = try JSONSerialization.data(withJSONObject: filled.count == 1 ? filled[0] : filled, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
