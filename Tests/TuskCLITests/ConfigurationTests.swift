import Foundation
import Testing
@testable import TuskCLI

@Suite struct ConfigurationTests {
    let file = """
    {"user_id": "u1", "v2": {"active_context": "local", "metrics": true, "contexts": {
      "local": {"pachd_address": "grpc://ctx-host:1234", "project": "ctxproject", "session_token": "t"},
      "other": {"pachd_address": "other:1"}}}}
    """

    func configuration() throws -> ClientConfiguration {
        try ClientConfiguration.decode(Data(file.utf8), path: "test")
    }

    @Test func addressFlagWinsOverEverything() throws {
        let settings = ConnectionSettings.resolve(addressFlag: "flag:1", projectFlag: nil, environment: ["PACHD_ADDRESS": "env:2"], configuration: try configuration())
        #expect(settings.address == "flag:1")
    }

    @Test func environmentWinsOverTheContext() throws {
        let settings = ConnectionSettings.resolve(addressFlag: nil, projectFlag: nil, environment: ["PACHD_ADDRESS": "env:2"], configuration: try configuration())
        #expect(settings.address == "env:2")
    }

    @Test func activeContextGivesAddressAndProject() throws {
        let settings = ConnectionSettings.resolve(addressFlag: nil, projectFlag: nil, environment: [:], configuration: try configuration())
        #expect(settings == ConnectionSettings(address: "grpc://ctx-host:1234", project: "ctxproject"))
    }

    @Test func projectFlagWinsOverTheContext() throws {
        let settings = ConnectionSettings.resolve(addressFlag: nil, projectFlag: "p", environment: [:], configuration: try configuration())
        #expect(settings.project == "p")
    }

    @Test func defaultsWithoutAnyConfiguration() {
        let settings = ConnectionSettings.resolve(addressFlag: nil, projectFlag: nil, environment: [:], configuration: ClientConfiguration())
        #expect(settings == ConnectionSettings(address: "localhost:30650", project: "default"))
    }

    @Test func pachContextSelectsAnotherContext() throws {
        let settings = ConnectionSettings.resolve(addressFlag: nil, projectFlag: nil, environment: ["PACH_CONTEXT": "other"], configuration: try configuration())
        #expect(settings.address == "other:1")
        #expect(settings.project == "default")
    }

    @Test func rewritingKeepsUnknownFields() throws {
        var configuration = try configuration()
        configuration.contexts["local"]?.project = "changed"
        let again = try ClientConfiguration.decode(configuration.encoded(), path: "again")
        #expect(again.contexts["local"]?.project == "changed")
        #expect(again.contexts["local"]?.otherFields["session_token"] == .string("t"))
        #expect(again.otherTopLevel["user_id"] == .string("u1"))
        #expect(again.otherVersion2["metrics"] == .bool(true))
    }

    @Test func configCommandsEditTheFileGivenByPachConfig() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tusk-config-\(UUID().uuidString)/config.json").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let captured = CapturedConsole()
        let environment = ["PACH_CONFIG": path]
        #expect(await CLI.run(arguments: ["config", "update", "context", "local", "--project", "p1", "--pachd-address", "localhost:1"], environment: environment, console: captured.console) == 0)
        #expect(await CLI.run(arguments: ["config", "get", "active-context"], environment: environment, console: captured.console) == 0)
        #expect(captured.output == "local\n")
        let saved = try ClientConfiguration.load(from: path)
        #expect(saved.contexts["local"] == ClientConfiguration.Context(pachdAddress: "localhost:1", project: "p1"))
        #expect(await CLI.run(arguments: ["config", "set", "active-context", "missing"], environment: environment, console: captured.console) == 1)
        #expect(captured.errors.hasPrefix("tusk: context \"missing\" does not exist"))
    }
}
