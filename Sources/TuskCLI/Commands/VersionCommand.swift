import TuskClient

/// `tusk version`: the client's version and the server's (`GetVersion`).
struct VersionCommand: Command {
    static let clientVersion = (major: UInt32(2), minor: UInt32(12), micro: UInt32(0), additional: "tusk")

    static var clientVersionInfo: VersionInfo {
        var version = VersionInfo()
        version.major = clientVersion.major
        version.minor = clientVersion.minor
        version.micro = clientVersion.micro
        version.additional = clientVersion.additional
        return version
    }

    static func text(_ version: VersionInfo) -> String {
        var text = "\(version.major).\(version.minor).\(version.micro)"
        if !version.additional.isEmpty { text += "-\(version.additional)" }
        return text
    }

    let words = ["version"]
    let summary = "Print the client and server versions."
    let usesProject = false
    let flags: [FlagSpecification] = [.boolean("client-only", help: "print only the client version, without contacting the server")]

    func run(_ invocation: Invocation) async throws {
        let client = Self.clientVersionInfo
        if invocation.arguments.has("client-only") {
            if invocation.printsRaw { invocation.console.print(client.jsonLine()) } else { invocation.console.print(Self.text(client)) }
            return
        }
        let server = try await invocation.connection().serverVersion()
        var table = Table(headers: ["COMPONENT", "VERSION"])
        table.append(["tusk", Self.text(client)])
        table.append(["tusk serve", Self.text(server)])
        invocation.emit([client.jsonLine(), server.jsonLine()]) { table }
    }
}
