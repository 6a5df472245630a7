import Foundation
import TuskCore

/// Everything `tusk serve` needs to start, from flags and environment.
///
/// Parsed separately from running so that bad flags are reported before anything opens files
/// or ports, and so tests can build a daemon from values.
public struct ServerConfiguration: Sendable {
    public var dataDirectory: String
    public var host: String
    public var grpcPort: Int
    public var httpPort: Int
    public var logLevel: String

    public init(dataDirectory: String, host: String = "0.0.0.0", grpcPort: Int = 30650, httpPort: Int = 30080, logLevel: String = "info") {
        self.dataDirectory = dataDirectory
        self.host = host
        self.grpcPort = grpcPort
        self.httpPort = httpPort
        self.logLevel = logLevel
    }

    static let usage = """
    usage: tusk serve [--data-dir DIR] [--host HOST] [--port N] [--http-port N] [--log-level LEVEL]

    Runs the Tusk daemon: the Pachyderm-compatible gRPC API (default port 30650) and HTTP
    (health, metrics, JSON; default port 30080) over an embedded store in DIR
    (default $TUSK_DATA_DIR or ~/.tusk/data).
    """

    /// Parses `serve` flags; throws a `TuskError` naming the flag that was wrong.
    public static func parse(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        let home = environment["HOME"] ?? "/root"
        var configuration = ServerConfiguration(dataDirectory: environment["TUSK_DATA_DIR"] ?? "\(home)/.tusk/data")
        var index = 0
        func value(_ flag: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw TuskError.invalid("flag \(flag) needs a value\n\n\(usage)", location: flag) }
            return arguments[index]
        }
        func port(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let number = Int(text), (0...65535).contains(number) else {
                throw TuskError.invalid("\(flag) \(text) is not a port number (0-65535)", location: flag)
            }
            return number
        }
        while index < arguments.count {
            var argument = arguments[index]
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let flagValue = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
                var expanded = arguments
                expanded.replaceSubrange(index...index, with: [argument, flagValue])
                return try parse(expanded, environment: environment)
            }
            switch argument {
            case "--data-dir", "-d": configuration.dataDirectory = try value(argument)
            case "--host": configuration.host = try value(argument)
            case "--port", "-p": configuration.grpcPort = try port(argument)
            case "--http-port": configuration.httpPort = try port(argument)
            case "--log-level": configuration.logLevel = try value(argument)
            case "-h", "--help": throw TuskError(.cancelled, usage)
            default:
                throw TuskError.invalid("unknown flag \"\(argument)\" for tusk serve\n\n\(usage)", location: argument)
            }
            index += 1
        }
        return configuration
    }
}
