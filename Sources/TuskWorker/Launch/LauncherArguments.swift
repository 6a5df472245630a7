/// The command line of `tusk __datum-exec`, parsed.
///
/// Grammar: `[--user <name-or-uid>] [--read-only <host path>]... <datum-root>
/// <working-directory or -> -- <command...>`.
/// The runner builds it; people never type it, so errors are terse but exact.
struct LauncherArguments: Equatable {
    /// The datum's scratch root; its `pfs` directory becomes `/pfs`.
    var datumRoot: String
    /// The directory the command starts in; nil keeps the launcher's.
    var workingDirectory: String?
    /// The user to run as; nil keeps the launcher's.
    var user: String?
    /// Host directories to make read-only inside the namespace (the object store and the
    /// scratch root, so user code cannot reach stored bytes through their host paths).
    var readOnlyPaths: [String]
    /// The command and its arguments.
    var command: [String]

    /// The marker the runner passes for "no working directory".
    static let currentDirectoryMarker = "-"

    /// The command line that `init(parsing:)` reads back as these arguments.
    var rendered: [String] {
        var result: [String] = []
        if let user { result += ["--user", user] }
        for path in readOnlyPaths { result += ["--read-only", path] }
        result += [datumRoot, workingDirectory ?? Self.currentDirectoryMarker, "--"]
        return result + command
    }

    init(datumRoot: String, workingDirectory: String?, user: String?, readOnlyPaths: [String] = [], command: [String]) {
        self.datumRoot = datumRoot
        self.workingDirectory = workingDirectory
        self.user = user
        self.readOnlyPaths = readOnlyPaths
        self.command = command
    }

    init(parsing arguments: [String]) throws(LauncherFailure) {
        var rest = arguments[...]
        var user: String?
        var readOnlyPaths: [String] = []
        while let option = rest.first, option == "--user" || option == "--read-only" {
            rest = rest.dropFirst()
            guard let value = rest.first, !value.isEmpty else { throw LauncherFailure.usage("\(option) needs a value") }
            if option == "--user" {
                user = value
            } else {
                guard value.hasPrefix("/") else { throw LauncherFailure.usage("--read-only needs an absolute path") }
                readOnlyPaths.append(value)
            }
            rest = rest.dropFirst()
        }
        guard rest.count >= 4, let root = rest.first else {
            throw LauncherFailure.usage("expected <datum-root> <working-directory or -> -- <command...>")
        }
        let directory = rest[rest.index(after: rest.startIndex)]
        let separator = rest[rest.index(rest.startIndex, offsetBy: 2)]
        guard separator == "--", root.hasPrefix("/") else {
            throw LauncherFailure.usage("expected an absolute <datum-root>, a working directory or -, then --")
        }
        self.init(
            datumRoot: root,
            workingDirectory: directory == Self.currentDirectoryMarker ? nil : directory,
            user: user,
            readOnlyPaths: readOnlyPaths,
            command: Array(rest.dropFirst(3))
        )
    }
}

/// Why the launcher could not start the command; the runner shows `message` as the datum's
/// failure reason.
struct LauncherFailure: Error {
    var message: String

    static func usage(_ detail: String) -> LauncherFailure {
        LauncherFailure(message: "tusk __datum-exec: bad arguments: \(detail)")
    }
}
