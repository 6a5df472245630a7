import Foundation
import Synchronization

/// A transfer progress line on stderr (`put file`, `get file`), drawn only when stderr is a
/// terminal or `--progress` was given, and only once a transfer has lasted a second.
public final class ProgressBar: Sendable {
    struct State {
        var done: Int64 = 0
        var lastDraw: Date?
        var drew = false
    }

    let label: String
    let total: Int64?
    let enabled: Bool
    let started = Date()
    let console: Console
    let state = Mutex(State())

    public init(label: String, total: Int64?, enabled: Bool, console: Console) {
        self.label = label
        self.total = total
        self.enabled = enabled
        self.console = console
    }

    /// Records `bytes` more transferred and redraws at most ten times a second.
    public func advance(_ bytes: Int) {
        guard enabled else { return }
        let now = Date()
        let line: String? = state.withLock { state in
            state.done += Int64(bytes)
            guard now.timeIntervalSince(started) >= 1 else { return nil }
            if let last = state.lastDraw, now.timeIntervalSince(last) < 0.1 { return nil }
            state.lastDraw = now
            state.drew = true
            return Self.render(label: label, done: state.done, total: total, elapsed: now.timeIntervalSince(started))
        }
        if let line { console.writeError(Data(("\r" + line).utf8)) }
    }

    /// Draws the final state and ends the line, if the bar was ever shown.
    public func finish() {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.drew ? Self.render(label: label, done: state.done, total: total, elapsed: Date().timeIntervalSince(started)) : nil
        }
        if let line { console.writeError(Data(("\r" + line + "\n").utf8)) }
    }

    /// `label [=====>    ] 12.5 MiB / 100 MiB  4.1 MiB/s`.
    public static func render(label: String, done: Int64, total: Int64?, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Int64(Double(done) / elapsed) : 0
        guard let total, total > 0 else {
            return "\(label) \(HumanFormat.size(done))  \(HumanFormat.size(rate))/s"
        }
        let width = 30
        let filled = min(width, Int(Double(done) / Double(total) * Double(width)))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" + String(repeating: " ", count: width - filled - 1) : "")
        return "\(label) [\(bar)] \(HumanFormat.size(done)) / \(HumanFormat.size(total))  \(HumanFormat.size(rate))/s"
    }
}
