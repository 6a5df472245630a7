import TuskCore
import Yams

/// Reads YAML text (one or several `---` documents) into `SpecValue`s with the YAML 1.1 core
/// scalar rules Yams resolves: plain `true`, `3`, `0.5`, `null` become booleans, numbers and
/// nulls; quoted scalars stay strings.
enum YAMLReader {
    static func readDocuments(_ text: String) throws -> [SpecValue] {
        do {
            var documents: [SpecValue] = []
            for node in try compose_all(yaml: text) {
                documents.append(try convert(node, depth: 0))
            }
            return documents
        } catch let error as TuskError {
            throw error
        } catch {
            throw TuskError.invalid("YAML is not valid: \(error)", location: "yaml")
        }
    }

    private static func convert(_ node: Node, depth: Int) throws -> SpecValue {
        guard depth < 200 else {
            throw TuskError.invalid("YAML values are nested more than 200 levels deep", location: "yaml")
        }
        switch node {
        case .scalar(let scalar):
            let text = scalar.string
            if scalar.style != .plain { return .string(text) }
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return .bool(["true", "yes", "on", "y"].contains(text.lowercased()))
            case .int:
                if let value = Int64(text) { return .number(String(value)) }
                if let value = node.int { return .number(String(value)) }
                return .string(text)
            case .float:
                if Double(text) != nil { return .number(text) }
                if let value = node.float, value.isFinite { return .number(String(value)) }
                return .string(text)
            default: return .string(text)
            }
        case .mapping(let mapping):
            var members: [SpecMember] = []
            for (key, value) in mapping {
                guard let keyText = key.string else {
                    throw TuskError.invalid("YAML mapping key at line \(key.mark?.line ?? 0) is not a plain text key", location: "yaml")
                }
                members.append(SpecMember(keyText, try convert(value, depth: depth + 1)))
            }
            return .object(members)
        case .sequence(let sequence):
            return .array(try sequence.map { try convert($0, depth: depth + 1) })
        case .alias:
            throw TuskError.invalid("YAML aliases (*name) are not supported in pipeline specs; write the value out", location: "yaml")
        }
    }
}
