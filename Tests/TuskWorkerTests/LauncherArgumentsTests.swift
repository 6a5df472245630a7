import Testing
@testable import TuskWorker

@Suite("The launcher's command line")
struct LauncherArgumentsTests {
    @Test func renderedArgumentsParseBack() throws {
        let arguments = LauncherArguments(datumRoot: "/scratch/j/d", workingDirectory: "/work", user: "nobody", readOnlyPaths: ["/objects"], command: ["sh", "-c", "--"])
        #expect(try LauncherArguments(parsing: arguments.rendered) == arguments)
    }

    @Test func missingWorkingDirectoryRendersAsDash() throws {
        let arguments = LauncherArguments(datumRoot: "/r", workingDirectory: nil, user: nil, command: ["true"])
        #expect(arguments.rendered == ["/r", "-", "--", "true"])
        #expect(try LauncherArguments(parsing: arguments.rendered).workingDirectory == nil)
    }

    @Test func relativeDatumRootIsRefused() {
        #expect(throws: LauncherFailure.self) { try LauncherArguments(parsing: ["relative", "-", "--", "true"]) }
    }

    @Test func launcherReportsBadArgumentsWithSetupFailureCode() {
        #expect(DatumExecLauncher.main(arguments: ["only-one"]) == DatumExecLauncher.setupFailureExitCode)
    }
}
