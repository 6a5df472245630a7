import Foundation
import TuskClient
import TuskCore

/// Everything one run of a verb needs: its parsed arguments, where to print, the resolved
/// address and project, and the (lazily opened) server connection.
public struct Invocation: Sendable {
    public let arguments: ParsedArguments
    public let console: Console
    public let environment: [String: String]
    public let configurationPath: String
    public let settings: ConnectionSettings
    let session: ConnectionSession

    init(arguments: ParsedArguments, console: Console, environment: [String: String], configurationPath: String, settings: ConnectionSettings) {
        self.arguments = arguments
        self.console = console
        self.environment = environment
        self.configurationPath = configurationPath
        self.settings = settings
        self.session = ConnectionSession(address: settings.address)
    }

    /// The project verbs work in (`--project` > context > `default`).
    public var project: String { settings.project }

    /// The server connection, opened on first use.
    public func connection() async throws -> TuskConnection { try await session.open() }

    /// Whether results are printed as JSON (`--raw` or `-o json|yaml`).
    public var printsRaw: Bool {
        arguments.has("raw") || ["json", "yaml"].contains(arguments.string("output") ?? "")
    }

    /// Prints JSON lines when raw output is asked for, else the table; only the form printed
    /// is built (encoding ten thousand messages as JSON for a table was most of a listing).
    public func emit(_ jsonLines: @autoclosure () -> [String], table: () -> Table) {
        if printsRaw {
            for line in jsonLines() { console.print(line) }
        } else {
            console.write(table().rendered())
        }
    }

    /// Prints a message on stderr when `-v` is given.
    public func verbose(_ text: String) {
        if arguments.has("verbose") { console.message(text) }
    }

    /// The positional argument at `index`, which the argument specification guarantees exists.
    public func positional(_ index: Int) -> String {
        index < arguments.positionals.count ? arguments.positionals[index] : ""
    }
}
