import Foundation
import TuskCore

/// pachctl's JSON configuration file (`~/.pachyderm/config.json` or `$PACH_CONFIG`).
///
/// Tusk reads and writes the same layout pachctl and the Python SDK use
/// (`v2.active_context`, `v2.contexts{name → context}`), so one file serves every client.
/// Unknown fields are preserved when the file is rewritten.
public struct ClientConfiguration: Sendable, Equatable {
    /// One named connection target.
    public struct Context: Sendable, Equatable {
        public var pachdAddress: String?
        public var project: String?
        /// The other fields of the context as found in the file, kept verbatim.
        public var otherFields: [String: JSONValue]

        public init(pachdAddress: String? = nil, project: String? = nil, otherFields: [String: JSONValue] = [:]) {
            self.pachdAddress = pachdAddress
            self.project = project
            self.otherFields = otherFields
        }
    }

    public var activeContext: String?
    public var contexts: [String: Context]
    /// Top-level and `v2` fields Tusk does not interpret, kept verbatim.
    var otherTopLevel: [String: JSONValue]
    var otherVersion2: [String: JSONValue]

    public init(activeContext: String? = nil, contexts: [String: Context] = [:]) {
        self.activeContext = activeContext
        self.contexts = contexts
        self.otherTopLevel = [:]
        self.otherVersion2 = [:]
    }

    /// The context named by `active_context`, if it exists.
    public var active: Context? { activeContext.flatMap { contexts[$0] } }

    /// The file location: `$PACH_CONFIG`, else `~/.pachyderm/config.json`.
    public static func location(environment: [String: String]) -> String {
        if let path = environment["PACH_CONFIG"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.pachyderm/config.json"
    }

    /// Reads the file; a missing file is an empty configuration.
    public static func load(from path: String) throws -> ClientConfiguration {
        guard FileManager.default.fileExists(atPath: path) else { return ClientConfiguration() }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TuskError.precondition("cannot read the config file \(path): \(error.localizedDescription)", location: path)
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String) throws -> ClientConfiguration {
        guard case .object(var top)? = try? JSONValue.parse(data) else {
            throw TuskError.invalid("the config file \(path) is not a JSON object; fix or remove it", location: path)
        }
        var configuration = ClientConfiguration()
        if case .object(var version2)? = top.removeValue(forKey: "v2") {
            if case .string(let name)? = version2.removeValue(forKey: "active_context") { configuration.activeContext = name }
            if case .object(let contexts)? = version2.removeValue(forKey: "contexts") {
                for (name, value) in contexts {
                    guard case .object(var fields) = value else { continue }
                    var context = Context()
                    if case .string(let address)? = fields.removeValue(forKey: "pachd_address") { context.pachdAddress = address }
                    if case .string(let project)? = fields.removeValue(forKey: "project") { context.project = project }
                    context.otherFields = fields
                    configuration.contexts[name] = context
                }
            }
            configuration.otherVersion2 = version2
        }
        configuration.otherTopLevel = top
        return configuration
    }

    public func encoded() -> Data {
        var contexts: [String: JSONValue] = [:]
        for (name, context) in self.contexts {
            var fields = context.otherFields
            if let address = context.pachdAddress { fields["pachd_address"] = .string(address) }
            if let project = context.project { fields["project"] = .string(project) }
            contexts[name] = .object(fields)
        }
        var version2 = otherVersion2
        if let activeContext { version2["active_context"] = .string(activeContext) }
        version2["contexts"] = .object(contexts)
        var top = otherTopLevel
        top["v2"] = .object(version2)
        return Data(JSONValue.object(top).serialized(pretty: true).utf8)
    }

    /// Writes the file, creating its directory; written to a temporary name then renamed.
    public func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoded().write(to: url, options: .atomic)
        } catch {
            throw TuskError.precondition("cannot write the config file \(path): \(error.localizedDescription)", location: path)
        }
    }
}
