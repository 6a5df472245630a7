import TuskCore

/// The destination rules of `put file` (pachctl's, reference §4.3), as a pure function.
///
/// - No path: each source goes to its base name (`--full-path`: its whole local path);
///   standard input without a path is an error.
/// - One source and a path: that exact path, unless the path ends in `/` or `-r --full-path`
///   is given, in which case `path/<source name>`.
/// - Several sources and a path: the path is a directory prefix.
public enum PutFileDestination {
    /// The destination path of one source (for `-r`, the root under which the walk is placed).
    public static func resolve(source: PutFileSource, path: String?, sourceCount: Int, recursive: Bool, fullPath: Bool) throws -> String {
        let sourceName: String?
        switch source {
        case .local(let local) where fullPath: sourceName = local
        default: sourceName = source.baseName
        }
        guard let path, !path.isEmpty else {
            guard let sourceName else {
                throw TuskError.invalid("no destination path for data read from standard input; write it as repo@branch:/path", location: "-f -")
            }
            return normalised(sourceName)
        }
        // A trailing "/" names a directory for a single file; a walked directory (-r) is placed
        // at the path itself unless --full-path asks for its name below it.
        let asDirectory = (path.hasSuffix("/") && !recursive) || sourceCount > 1 || (recursive && fullPath)
        if asDirectory {
            guard let sourceName else {
                throw TuskError.invalid("the destination \"\(path)\" is a directory but standard input has no name; give the full file path", location: path)
            }
            return normalised(path + "/" + sourceName)
        }
        return normalised(path)
    }

    /// Joins a walked file's relative path under a destination root.
    public static func join(_ root: String, _ relative: String) -> String {
        normalised(root + "/" + relative)
    }

    /// `/a/b` form: leading slash, no doubled or trailing slashes, no `.` components.
    public static func normalised(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        return "/" + parts.joined(separator: "/")
    }
}
