import TuskCore

/// `tusk config update context [name] --project P --pachd-address A`: edits a context of the
/// config file (the active one when no name is given), creating it if needed.
struct ConfigUpdateContextCommand: Command {
    let words = ["config", "update", "context"]
    let summary = "Change the project or address of a config context."
    let usesProject = false
    let arguments = [ArgumentSpecification("context", optional: true)]
    let flags: [FlagSpecification] = [
        .value("project", "PROJECT", help: "the context's project"),
        .value("pachd-address", "ADDRESS", help: "the context's server address"),
    ]

    func run(_ invocation: Invocation) async throws {
        var configuration = try ClientConfiguration.load(from: invocation.configurationPath)
        let name = invocation.arguments.positionals.first ?? configuration.activeContext ?? "default"
        var context = configuration.contexts[name] ?? ClientConfiguration.Context()
        if let project = invocation.arguments.string("project") {
            try NameRules.validateProject(project)
            context.project = project
        }
        if let address = invocation.arguments.string("pachd-address") { context.pachdAddress = address }
        configuration.contexts[name] = context
        if configuration.activeContext == nil { configuration.activeContext = name }
        try configuration.save(to: invocation.configurationPath)
    }
}
