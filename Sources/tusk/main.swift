// The `tusk` binary: `serve` runs the daemon and `worker` a scale-out worker (TuskServer); every other verb is a client of its
// gRPC API (TuskCLI). The hidden `__datum-exec` verb is the launcher the daemon starts to run
// one datum inside its private mount namespace, and `__datum-zygote` the long-lived process
// that forks those launchers for the daemon (TuskWorker).
import Foundation
import TuskCLI
import TuskServer
import TuskWorker

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == DatumExecLauncher.verb {
    exit(DatumExecLauncher.main(arguments: Array(arguments.dropFirst())))
}
if arguments.first == DatumZygoteProcess.verb {
    exit(DatumZygoteProcess.main())
}
let status: Int32
switch arguments.first {
case "serve":
    status = await ServerCommand.run(arguments: Array(arguments.dropFirst()))
case "worker":
    status = await WorkerCommand.run(arguments: Array(arguments.dropFirst()))
default:
    status = await CLI.run(arguments: arguments)
}
exit(status)
