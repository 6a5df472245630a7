/// This build's identity, and the Pachyderm API version it speaks.
///
/// Clients decide compatibility from `GetVersion` (the Python SDK and pachctl compare the
/// major/minor numbers with their own), so Tusk reports the Pachyderm release whose API it
/// implements (2.12.0), and names itself in `additional` with its own version.
public struct TuskVersion: Sendable, Hashable {
    /// Tusk's own version, e.g. `0.1.0`.
    public var version: String
    /// The commit the binary was built from, when the build recorded it.
    public var gitCommit: String
    /// `true`/`false` as a string (the wire type), when the build recorded it.
    public var gitTreeModified: String
    /// When the binary was built, when the build recorded it.
    public var buildDate: String

    /// The Pachyderm API version that Tusk implements.
    public static let apiMajor: UInt32 = 2
    public static let apiMinor: UInt32 = 12
    public static let apiMicro: UInt32 = 0

    public static let current = TuskVersion(version: "0.1.0", gitCommit: "", gitTreeModified: "", buildDate: "")

    public init(version: String, gitCommit: String, gitTreeModified: String, buildDate: String) {
        self.version = version
        self.gitCommit = gitCommit
        self.gitTreeModified = gitTreeModified
        self.buildDate = buildDate
    }

    /// `os/arch` in Go's spelling (`linux/amd64`, `darwin/arm64`), as pachd reports it.
    public static var platform: String {
        #if os(Linux)
        let system = "linux"
        #elseif os(macOS)
        let system = "darwin"
        #else
        let system = "unknown"
        #endif
        #if arch(x86_64)
        let architecture = "amd64"
        #elseif arch(arm64)
        let architecture = "arm64"
        #else
        let architecture = "unknown"
        #endif
        return "\(system)/\(architecture)"
    }

    /// The toolchain in the slot pachd fills with its Go version.
    public static var toolchain: String {
        #if swift(>=6.3)
        return "swift6.3"
        #elseif swift(>=6.0)
        return "swift6"
        #else
        return "swift"
        #endif
    }
}
