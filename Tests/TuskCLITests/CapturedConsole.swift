import Foundation
import Synchronization
@testable import TuskCLI

/// A console whose output and error text tests can read back.
final class CapturedConsole: Sendable {
    let outputBuffer = Mutex(Data())
    let errorBuffer = Mutex(Data())

    var console: Console {
        Console(writeOutput: { data in self.outputBuffer.withLock { $0.append(data) } },
                writeError: { data in self.errorBuffer.withLock { $0.append(data) } })
    }

    var output: String { outputBuffer.withLock { String(decoding: $0, as: UTF8.self) } }
    var errors: String { errorBuffer.withLock { String(decoding: $0, as: UTF8.self) } }
}
