/// The flags every verb accepts (address, project, output format, verbosity), kept in one list
/// so that the parser recognises them anywhere on the command line.
public enum GlobalFlags {
    public static let all: [FlagSpecification] = [
        .value("address", "HOST:PORT", help: "the tusk serve gRPC address (overrides PACHD_ADDRESS and the config context)"),
        .value("project", "PROJECT", help: "the project to use (overrides the config context; default \"default\")"),
        .boolean("raw", help: "print one JSON object per result instead of a table"),
        .value("output", short: "o", "FORMAT", help: "with --raw: json (or yaml, printed as JSON)"),
        .boolean("verbose", short: "v", help: "print more details about what is happening"),
        .boolean("no-color", help: "do not colour output"),
        .boolean("help", short: "h", help: "show help for the command"),
    ]
}
