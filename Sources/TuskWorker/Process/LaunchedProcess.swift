/// A running datum launcher, however it was started: executed directly by the daemon
/// (`LauncherProcess`) or forked by the datum zygote (`ZygoteLauncher`).
///
/// `TransformExecution` drives both the same way: signals while it runs, a wait for its end,
/// then "kill what is left of the group and reap".
protocol LaunchedProcess: Sendable {
    /// Sends `signal` to the launcher, unless it has already been reaped.
    func signalLauncher(_ signal: Int32)
    /// Kills the launcher's whole process group (the last resort), unless already reaped.
    func killGroup()
    /// Returns once the launcher has ended.
    func waitForExit() async
    /// Kills what is left of the launcher's group, reaps the launcher, returns its wait status.
    func killGroupAndReap() async -> Int32
}
