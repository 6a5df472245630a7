// The `tusk` binary: `serve` runs the daemon (TuskServer); every other verb is a client of its
// gRPC API (TuskCLI).
import Foundation
import TuskCLI
import TuskServer

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "serve":
    status = await ServerCommand.run(arguments: Array(arguments.dropFirst()))
case "worker":
    FileHandle.standardError.write(Data("tusk: worker: not built yet; the embedded daemon (tusk serve) runs its workers in-process\n".utf8))
    status = 1
default:
    status = await CLI.run(arguments: arguments)
}
exit(status)
