import TuskCore

/// `tusk config get active-context`: prints the active context's name.
struct ConfigGetActiveContextCommand: Command {
    let words = ["config", "get", "active-context"]
    let summary = "Print the name of the active config context."
    let usesProject = false

    func run(_ invocation: Invocation) async throws {
        let configuration = try ClientConfiguration.load(from: invocation.configurationPath)
        guard let name = configuration.activeContext else {
            throw TuskError.notFound("no active context in \(invocation.configurationPath); create one with \"tusk connect ADDRESS\" or \"tusk config update context NAME\"", location: invocation.configurationPath)
        }
        invocation.console.print(name)
    }
}
