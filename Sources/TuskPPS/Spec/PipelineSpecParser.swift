import TuskCore

/// Turns the text of a pipeline spec file into `PipelineSpec`s, as `tusk create pipeline -f`
/// and `CreatePipelineV2` receive it.
///
/// Accepts JSON (one object, a stream of objects, or an array) and YAML (one or several `---`
/// documents, or a list); keys in snake_case or lowerCamelCase; the 1.x forms (`atom`, `standby`,
/// `parallelism_spec.coefficient`) with a note in `PipelineSpec.notes`. Every problem found in
/// every document is reported in one `TuskError` with field paths. Defaults are applied; the
/// specs are not validated (call `SpecValidator`).
public enum PipelineSpecParser {
    public static func parse(_ text: String, defaultProject: String = ProjectName.default.value) throws -> [PipelineSpec] {
        let documents = try readDocuments(text)
        var elements: [SpecValue] = []
        for document in documents {
            if case .array(let items) = document { elements += items } else if document != .null { elements.append(document) }
        }
        guard !elements.isEmpty else {
            throw TuskError.invalid("the pipeline spec is empty; give a JSON object or YAML document with at least pipeline and transform", location: "spec")
        }
        var specs: [PipelineSpec] = []
        var problems: [SpecProblem] = []
        for (index, element) in elements.enumerated() {
            let reader = SpecReader()
            let spec = PipelineSpec.decode(element, reader: reader, defaultProject: defaultProject)
            let prefix = elements.count > 1 ? "document \(index + 1)" + (spec.map { $0.pipeline.name.isEmpty ? "" : " (\($0.pipeline.name))" } ?? "") + ": " : ""
            problems += reader.problems.map { SpecProblem(path: $0.path, message: prefix + $0.message) }
            if var spec {
                spec.applyDefaults()
                specs.append(spec)
            }
        }
        if !problems.isEmpty { throw SpecProblem.error(problems) }
        return specs
    }

    /// Parses exactly one pipeline; several in the text is an error.
    public static func parseOne(_ text: String, defaultProject: String = ProjectName.default.value) throws -> PipelineSpec {
        let specs = try parse(text, defaultProject: defaultProject)
        guard specs.count == 1, let spec = specs.first else {
            throw TuskError.invalid("expected one pipeline spec, found \(specs.count)", location: "spec")
        }
        return spec
    }

    /// JSON when the text starts with `{` or `[` and reads as JSON; YAML otherwise. When both
    /// fail, the JSON error is reported for JSON-looking text.
    static func readDocuments(_ text: String) throws -> [SpecValue] {
        let first = text.unicodeScalars.first(where: { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}") })
        if first == "{" || first == "[" {
            var reader = JSONReader(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            do {
                return try reader.readStream()
            } catch {
                if let documents = try? YAMLReader.readDocuments(text) { return documents }
                throw error
            }
        }
        return try YAMLReader.readDocuments(text)
    }
}
