import Testing
import TuskCore
@testable import TuskServer

@Suite struct ServerConfigurationTests {
    @Test func defaultsArePachydermsPortsAndAHomeDataDirectory() throws {
        let configuration = try ServerConfiguration.parse([], environment: ["HOME": "/home/u"])
        #expect(configuration.grpcPort == 30650)
        #expect(configuration.httpPort == 30080)
        #expect(configuration.dataDirectory == "/home/u/.tusk/data")
    }

    @Test func flagsInBothFormsOverrideDefaults() throws {
        let configuration = try ServerConfiguration.parse(["--data-dir", "/d", "--port=1234", "--http-port", "5678"], environment: [:])
        #expect(configuration.dataDirectory == "/d")
        #expect(configuration.grpcPort == 1234)
        #expect(configuration.httpPort == 5678)
    }

    @Test func environmentChoosesTheDataDirectory() throws {
        let configuration = try ServerConfiguration.parse([], environment: ["TUSK_DATA_DIR": "/srv/tusk"])
        #expect(configuration.dataDirectory == "/srv/tusk")
    }

    @Test func badPortAndUnknownFlagNameTheFlag() throws {
        do {
            _ = try ServerConfiguration.parse(["--port", "70000"], environment: [:])
            Issue.record("a port above 65535 must be refused")
        } catch let error as TuskError {
            #expect(error.message.contains("--port"))
        }
        do {
            _ = try ServerConfiguration.parse(["--colour"], environment: [:])
            Issue.record("an unknown flag must be refused")
        } catch let error as TuskError {
            #expect(error.message.contains("--colour"))
        }
    }
}
