import TuskCore

/// `tusk config set active-context <name>`: switches to an existing context.
struct ConfigSetActiveContextCommand: Command {
    let words = ["config", "set", "active-context"]
    let summary = "Make a config context the active one."
    let usesProject = false
    let arguments = [ArgumentSpecification("context")]

    func run(_ invocation: Invocation) async throws {
        var configuration = try ClientConfiguration.load(from: invocation.configurationPath)
        let name = invocation.positional(0)
        guard configuration.contexts[name] != nil else {
            let known = configuration.contexts.keys.sorted().joined(separator: ", ")
            throw TuskError.notFound("context \"\(name)\" does not exist in \(invocation.configurationPath); known contexts: \(known.isEmpty ? "none" : known)", location: name)
        }
        configuration.activeContext = name
        try configuration.save(to: invocation.configurationPath)
    }
}
