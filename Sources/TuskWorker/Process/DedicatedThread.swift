import Foundation

/// Runs blocking work (reading a pipe, `waitpid`) on a thread of its own and awaits its result.
///
/// Blocking calls on Swift's cooperative pool would starve every other task on a two-core
/// host; a datum needs only a few such waits, so a short-lived thread each is cheap.
enum DedicatedThread {
    static func run<Result: Sendable>(name: String, _ body: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: body())
            }
            thread.name = name
            thread.start()
        }
    }
}
