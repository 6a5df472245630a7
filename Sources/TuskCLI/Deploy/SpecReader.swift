import Foundation
import TuskCore
import TuskKubernetes

/// Reads fields of a decoded JSON/YAML object by either of their spellings, turning wrong types
/// into errors that name the field path.
struct SpecReader {
    let object: [String: Any]?
    let source: String
    var path: String = ""

    var isPresent: Bool { object != nil }

    private func value(_ keys: [String]) -> (key: String, value: Any)? {
        guard let object else { return nil }
        for key in keys { if let value = object[key], !(value is NSNull) { return (key, value) } }
        return nil
    }

    private func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func child(_ keys: String...) -> SpecReader {
        let found = value(keys)
        return SpecReader(object: found?.value as? [String: Any], source: source, path: fieldPath(found?.key ?? keys[0]))
    }

    func string(_ keys: String...) -> String? {
        guard let found = value(keys) else { return nil }
        return found.value as? String ?? "\(found.value)"
    }

    /// A Kubernetes quantity: strings as written, bare numbers as their decimal text.
    func quantity(_ key: String) -> String? {
        guard let found = value([key]) else { return nil }
        if let text = found.value as? String { return text.isEmpty ? nil : text }
        if let number = found.value as? Int { return String(number) }
        return "\(found.value)"
    }

    func number(_ key: String) throws -> Double? {
        guard let found = value([key]) else { return nil }
        if let number = found.value as? Double { return number }
        if let number = found.value as? Int { return Double(number) }
        if let text = found.value as? String, let number = Double(text) { return number }
        throw TuskError.invalid("\(source): \(fieldPath(found.key)) must be a number, such as 0.5 or 2", location: fieldPath(found.key))
    }

    func integer(_ key: String) throws -> Int? {
        guard let found = value([key]) else { return nil }
        if let number = found.value as? Int, number >= 0 { return number }
        if let text = found.value as? String, let number = Int(text), number >= 0 { return number }
        throw TuskError.invalid("\(source): \(fieldPath(found.key)) must be a whole number of zero or more", location: fieldPath(found.key))
    }

    func boolean(_ key: String) -> Bool {
        value([key])?.value as? Bool ?? false
    }

    func strings(_ keys: String...) -> [String] {
        (value(keys)?.value as? [Any])?.compactMap { $0 as? String } ?? []
    }

    func stringMap(_ keys: String...) -> [String: String] {
        guard let map = value(keys)?.value as? [String: Any] else { return [:] }
        return map.mapValues { $0 as? String ?? "\($0)" }
    }

    /// `tolerations` in Pachyderm's spelling (`key`, `operator`, `value`, `effect`,
    /// `toleration_seconds`), as Kubernetes tolerations.
    func tolerations() throws -> [ManifestValue] {
        guard let list = value(["tolerations"])?.value as? [Any] else { return [] }
        return try list.enumerated().map { index, item in
            let toleration = SpecReader(object: item as? [String: Any], source: source, path: "tolerations[\(index)]")
            guard toleration.isPresent else {
                throw TuskError.invalid("\(source): tolerations[\(index)] must be an object", location: "tolerations[\(index)]")
            }
            let seconds = try toleration.integer("toleration_seconds") ?? toleration.integer("tolerationSeconds")
            return PachydermToleration.manifest(
                key: toleration.string("key"), operator: toleration.string("operator"), value: toleration.string("value"),
                effect: toleration.string("effect"), seconds: seconds)
        }
    }
}
