import TuskCore

/// Where an output symlink leads, worked out from its text alone (never by following it).
///
/// Resolution is lexical: a relative target is taken from the link's directory, `.` and empty
/// components are dropped and `..` removes one component (at `/` it stays there, as the kernel
/// does). The result is a path in the datum's
/// view of the file system (`/pfs/...`), which the collector accepts only when it names a file
/// (or a directory of files) of one of the datum's inputs.
enum SymlinkTarget {
    /// The absolute components of `target` read from a link at `/pfs/out/<linkDirectory>/`.
    static func resolve(_ target: String, linkDirectory: [String]) -> [String] {
        var components: [String] = target.hasPrefix("/") ? [] : ["pfs", "out"] + linkDirectory
        for piece in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch piece {
            case ".":
                continue
            case "..":
                if !components.isEmpty { components.removeLast() }
            default:
                components.append(String(piece))
            }
        }
        return components
    }

    /// The input name and the path inside it, when `components` lie below `/pfs/<input>` of a
    /// non-reserved name.
    static func inputLocation(of components: [String]) -> (input: String, path: FilePath)? {
        guard components.count >= 2, components[0] == "pfs" else { return nil }
        let name = components[1]
        guard !InputMaterializer.reservedNames.contains(name) else { return nil }
        return (name, FilePath(trustedComponents: Array(components.dropFirst(2))))
    }
}
