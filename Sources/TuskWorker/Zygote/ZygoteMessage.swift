import Foundation

/// The messages between the daemon and its datum zygote, one per packet, as JSON objects.
///
/// The daemon asks for a launcher (`spawn`, with its standard output, standard error and report
/// descriptors attached), or for a signal to one it started; the zygote answers `started`,
/// `spawnFailed`, and later `exited` with the launcher's wait status once it has killed what
/// was left of the launcher's process group and reaped it.
enum ZygoteMessage: Equatable, Sendable {
    case spawn(id: UInt64, arguments: [String], environment: [String], standardInputPath: String)
    case signal(id: UInt64, signal: Int32)
    case killGroup(id: UInt64)
    case started(id: UInt64, pid: Int32)
    case spawnFailed(id: UInt64, reason: String)
    case exited(id: UInt64, status: Int32)

    func encoded() throws -> [UInt8] {
        let object: [String: Any]
        switch self {
        case .spawn(let id, let arguments, let environment, let standardInputPath):
            object = ["op": "spawn", "id": id, "arguments": arguments, "environment": environment, "stdin": standardInputPath]
        case .signal(let id, let signal):
            object = ["op": "signal", "id": id, "signal": signal]
        case .killGroup(let id):
            object = ["op": "killGroup", "id": id]
        case .started(let id, let pid):
            object = ["op": "started", "id": id, "pid": pid]
        case .spawnFailed(let id, let reason):
            object = ["op": "spawnFailed", "id": id, "reason": reason]
        case .exited(let id, let status):
            object = ["op": "exited", "id": id, "status": status]
        }
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    /// Decodes a packet; nil for anything that is not a well-formed message.
    init?(decoding bytes: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
              let operation = object["op"] as? String,
              let id = (object["id"] as? NSNumber)?.uint64Value else { return nil }
        let number = { (key: String) in (object[key] as? NSNumber)?.int32Value }
        switch operation {
        case "spawn":
            guard let arguments = object["arguments"] as? [String], let environment = object["environment"] as? [String],
                  let standardInputPath = object["stdin"] as? String else { return nil }
            self = .spawn(id: id, arguments: arguments, environment: environment, standardInputPath: standardInputPath)
        case "signal":
            guard let signal = number("signal") else { return nil }
            self = .signal(id: id, signal: signal)
        case "killGroup":
            self = .killGroup(id: id)
        case "started":
            guard let pid = number("pid") else { return nil }
            self = .started(id: id, pid: pid)
        case "spawnFailed":
            self = .spawnFailed(id: id, reason: object["reason"] as? String ?? "unknown")
        case "exited":
            guard let status = number("status") else { return nil }
            self = .exited(id: id, status: status)
        default:
            return nil
        }
    }
}
