import TuskClient
import TuskCore

/// `tusk connect <address>`: creates (or updates) a context for the address and activates it.
struct ConnectCommand: Command {
    let words = ["connect"]
    let summary = "Point the CLI at a server: create and activate a context for it."
    let usesProject = false
    let arguments = [ArgumentSpecification("address")]
    let flags: [FlagSpecification] = [.value("alias", "NAME", help: "the context's name (default: the address)")]

    func run(_ invocation: Invocation) async throws {
        let address = try ServerAddress(parsing: invocation.positional(0))
        var configuration = try ClientConfiguration.load(from: invocation.configurationPath)
        let name = invocation.arguments.string("alias") ?? "grpc://\(address)"
        var context = configuration.contexts[name] ?? ClientConfiguration.Context()
        context.pachdAddress = "grpc://\(address)"
        configuration.contexts[name] = context
        configuration.activeContext = name
        try configuration.save(to: invocation.configurationPath)
    }
}
