import Foundation
import TuskCore

/// The `tusk` command line (every verb except `serve` and `worker`): finds the verb, parses its
/// flags, runs it against the server and turns failures into `tusk: <message>` on stderr.
public enum CLI {
    /// Every verb, in the order the help lists them.
    public static let registry = CommandRegistry(commands: CommandList.all)

    /// Runs a command line (without the program name) and returns the exit code.
    public static func run(arguments: [String]) async -> Int32 {
        await run(arguments: arguments, environment: ProcessInfo.processInfo.environment, console: .standard)
    }

    public static func run(arguments: [String], environment: [String: String], console: Console) async -> Int32 {
        do {
            return try await execute(arguments, environment: environment, console: console)
        } catch let error as TuskError {
            console.message("tusk: \(error.message)")
            return 1
        } catch {
            console.message("tusk: \(error)")
            return 1
        }
    }

    static func execute(_ arguments: [String], environment: [String: String], console: Console) async throws -> Int32 {
        if arguments.isEmpty || arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            console.write(HelpPrinter.overview(registry))
            return 0
        }
        if arguments.first == "help" {
            guard let match = try registry.match(Array(arguments.dropFirst())) else {
                console.write(HelpPrinter.overview(registry))
                return 0
            }
            console.write(HelpPrinter.help(for: match.command))
            return 0
        }
        guard let match = try registry.match(arguments) else {
            console.write(HelpPrinter.overview(registry))
            return 0
        }
        let parsed = try parse(match)
        if parsed.has("help") {
            console.write(HelpPrinter.help(for: match.command))
            return 0
        }
        let configurationPath = ClientConfiguration.location(environment: environment)
        let configuration = try ClientConfiguration.load(from: configurationPath)
        let settings = ConnectionSettings.resolve(addressFlag: parsed.string("address"), projectFlag: parsed.string("project"), environment: environment, configuration: configuration)
        let invocation = Invocation(arguments: parsed, console: console, environment: environment, configurationPath: configurationPath, settings: settings)
        do {
            try await match.command.run(invocation)
        } catch {
            await invocation.session.close()
            throw error
        }
        await invocation.session.close()
        return 0
    }

    /// Parses the flags of a matched verb, translates 1.x positionals and checks the count.
    public static func parse(_ match: CommandMatch) throws -> ParsedArguments {
        let command = match.command
        var parsed = try ArgumentParser(commandFlags: command.flags, commandName: command.name).parse(match.remaining)
        if parsed.has("help") { return parsed }
        if let form = match.legacyForm {
            parsed.positionals = try form.translate(parsed.positionals)
            parsed.usedLegacyForm = true
        }
        let range = command.argumentRange
        if !range.contains(parsed.positionals.count) {
            let usage = ([command.name] + command.arguments.map(\.usage)).joined(separator: " ")
            let expected = range.upperBound == Int.max ? "at least \(range.lowerBound)" : range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw TuskError.invalid("\"tusk \(command.name)\" takes \(expected) argument\(range.upperBound == 1 ? "" : "s") but got \(parsed.positionals.count); usage: tusk \(usage)", location: command.name)
        }
        return parsed
    }
}
