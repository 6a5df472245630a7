import TuskCore

/// Where the CLI connects and which project it works in, after applying every source in order.
///
/// Address: `--address` > `PACHD_ADDRESS` > the active context's `pachd_address` > `localhost:30650`.
/// Project: `--project` > the active context's `project` > `default`.
/// The context is `$PACH_CONTEXT` when set, else the file's `active_context`.
public struct ConnectionSettings: Sendable, Equatable {
    public static let defaultAddress = "localhost:30650"

    public var address: String
    public var project: String

    public init(address: String, project: String) {
        self.address = address
        self.project = project
    }

    public static func resolve(addressFlag: String?, projectFlag: String?, environment: [String: String], configuration: ClientConfiguration) -> ConnectionSettings {
        var context = configuration.active
        if let name = environment["PACH_CONTEXT"], !name.isEmpty, let named = configuration.contexts[name] { context = named }
        let address = [addressFlag, environment["PACHD_ADDRESS"], context?.pachdAddress]
            .compactMap { $0 }
            .first(where: { !$0.isEmpty }) ?? defaultAddress
        let project = [projectFlag, context?.project].compactMap { $0 }.first(where: { !$0.isEmpty }) ?? ProjectName.default.value
        return ConnectionSettings(address: address, project: project)
    }
}
