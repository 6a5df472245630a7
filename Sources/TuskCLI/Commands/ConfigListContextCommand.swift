/// `tusk config list context`: every context, the active one marked with `*`.
struct ConfigListContextCommand: Command {
    let words = ["config", "list", "context"]
    let summary = "List the config contexts."
    let usesProject = false

    func run(_ invocation: Invocation) async throws {
        let configuration = try ClientConfiguration.load(from: invocation.configurationPath)
        var table = Table(headers: ["ACTIVE", "NAME", "ADDRESS", "PROJECT"])
        for name in configuration.contexts.keys.sorted() {
            let context = configuration.contexts[name]
            table.append([name == configuration.activeContext ? "*" : "", name, context?.pachdAddress ?? "", context?.project ?? ""])
        }
        invocation.console.write(table.rendered())
    }
}
