/// Renders `--help` text for one verb and the top-level list of verbs, from the same
/// `Command` descriptions the parser uses.
public enum HelpPrinter {
    public static func help(for command: any Command) -> String {
        var text = "\(command.summary)\n\nUsage:\n  tusk \(command.name)"
        if !command.flags.isEmpty { text += " [flags]" }
        for argument in command.arguments { text += " " + argument.usage }
        text += "\n"
        for form in command.legacyForms { text += "  tusk \(form.usage)    (1.x form)\n" }
        if !command.details.isEmpty { text += "\n" + command.details.trimmingTrailingNewlines() + "\n" }
        if !command.flags.isEmpty {
            text += "\nFlags:\n" + flagLines(command.flags)
        }
        var globals = GlobalFlags.all.filter { flag in !command.flags.contains { $0.name == flag.name || ($0.short != nil && $0.short == flag.short) } }
        if !command.usesProject { globals.removeAll { $0.name == "project" } }
        text += "\nGlobal flags:\n" + flagLines(globals)
        return text
    }

    static func flagLines(_ flags: [FlagSpecification]) -> String {
        let spelled = flags.map { flag -> String in
            var name = flag.short.map { "-\($0), " } ?? "    "
            name += "--\(flag.name)"
            if !flag.isBoolean { name += " \(flag.valueName)" }
            return name
        }
        let width = spelled.map(\.count).max() ?? 0
        var text = ""
        for (flag, name) in zip(flags, spelled) {
            text += "  " + name + String(repeating: " ", count: width - name.count + 3) + flag.help
            if flag.isRepeatable { text += " (repeatable)" }
            text += "\n"
        }
        return text
    }

    public static func overview(_ registry: CommandRegistry) -> String {
        var text = "tusk: versioned data and data-driven pipelines (pachctl-compatible commands).\n\nUsage:\n  tusk <command> [arguments] [flags]\n\nServer:\n  tusk serve       run the daemon (gRPC on 30650, HTTP on 30080)\n  tusk worker      run datums for a scaled-out daemon\n\nCommands:\n"
        let width = registry.commands.map(\.name.count).max() ?? 0
        for command in registry.commands {
            text += "  tusk \(command.name)" + String(repeating: " ", count: width - command.name.count + 3) + command.summary + "\n"
        }
        let legacy = registry.commands.flatMap { $0.legacyForms.map(\.word) }
        if !legacy.isEmpty {
            text += "\n1.x spellings also accepted: " + legacy.joined(separator: ", ") + "\n"
        }
        text += "\nRun \"tusk <command> --help\" for a command's flags.\n"
        return text
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
