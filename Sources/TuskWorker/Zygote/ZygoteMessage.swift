/// The messages between the daemon and its datum zygote, one per packet.
///
/// The daemon asks for a launcher (`spawn`, with its standard output, standard error and report
/// descriptors attached), or for a signal to one it started; the zygote answers `started`,
/// `spawnFailed`, and later `exited` with the launcher's wait status once it has killed what
/// was left of the launcher's process group and reaped it.
///
/// Both ends are the same binary, so the encoding is a private, compact one: a tag byte, the
/// id (8 bytes, little-endian), then the case's fields (32-bit numbers little-endian; strings
/// as a 32-bit length and UTF-8; string lists as a 32-bit count and strings). It replaced JSON
/// through Foundation, whose dynamic casts cost every datum more than the rest of the message
/// handling together.
enum ZygoteMessage: Equatable, Sendable {
    case spawn(id: UInt64, arguments: [String], environment: [String], standardInputPath: String)
    case signal(id: UInt64, signal: Int32)
    case killGroup(id: UInt64)
    case started(id: UInt64, pid: Int32)
    case spawnFailed(id: UInt64, reason: String)
    case exited(id: UInt64, status: Int32)

    private enum Tag: UInt8 {
        case spawn = 1, signal, killGroup, started, spawnFailed, exited
    }

    func encoded() throws -> [UInt8] {
        var writer = Writer()
        switch self {
        case .spawn(let id, let arguments, let environment, let standardInputPath):
            writer.header(.spawn, id)
            writer.strings(arguments)
            writer.strings(environment)
            writer.string(standardInputPath)
        case .signal(let id, let signal):
            writer.header(.signal, id)
            writer.number(UInt32(bitPattern: signal))
        case .killGroup(let id):
            writer.header(.killGroup, id)
        case .started(let id, let pid):
            writer.header(.started, id)
            writer.number(UInt32(bitPattern: pid))
        case .spawnFailed(let id, let reason):
            writer.header(.spawnFailed, id)
            writer.string(reason)
        case .exited(let id, let status):
            writer.header(.exited, id)
            writer.number(UInt32(bitPattern: status))
        }
        return writer.bytes
    }

    /// Decodes a packet; nil for anything that is not a well-formed message (unknown tag,
    /// truncated, trailing bytes, text that is not UTF-8).
    init?(decoding bytes: [UInt8]) {
        var reader = Reader(bytes: bytes)
        guard let tagByte = reader.byte(), let tag = Tag(rawValue: tagByte), let id = reader.identifier() else { return nil }
        let decoded: ZygoteMessage
        switch tag {
        case .spawn:
            guard let arguments = reader.strings(), let environment = reader.strings(), let standardInputPath = reader.string() else { return nil }
            decoded = .spawn(id: id, arguments: arguments, environment: environment, standardInputPath: standardInputPath)
        case .signal:
            guard let signal = reader.number() else { return nil }
            decoded = .signal(id: id, signal: Int32(bitPattern: signal))
        case .killGroup:
            decoded = .killGroup(id: id)
        case .started:
            guard let pid = reader.number() else { return nil }
            decoded = .started(id: id, pid: Int32(bitPattern: pid))
        case .spawnFailed:
            guard let reason = reader.string() else { return nil }
            decoded = .spawnFailed(id: id, reason: reason)
        case .exited:
            guard let status = reader.number() else { return nil }
            decoded = .exited(id: id, status: Int32(bitPattern: status))
        }
        guard reader.isAtEnd else { return nil }
        self = decoded
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func header(_ tag: Tag, _ id: UInt64) {
            bytes.append(tag.rawValue)
            integer(id)
        }

        mutating func number(_ value: UInt32) {
            integer(value)
        }

        /// `value` little-endian.
        private mutating func integer<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value) {
            for index in 0..<MemoryLayout<Value>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }

        mutating func string(_ text: String) {
            let utf8 = Array(text.utf8)
            number(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }

        mutating func strings(_ list: [String]) {
            number(UInt32(truncatingIfNeeded: list.count))
            for text in list { string(text) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func identifier() -> UInt64? { integer() }

        mutating func number() -> UInt32? { integer() }

        /// A little-endian integer, nil when too few bytes are left.
        private mutating func integer<Value: FixedWidthInteger & UnsignedInteger>() -> Value? {
            let size = MemoryLayout<Value>.size
            guard bytes.count - position >= size else { return nil }
            var value: Value = 0
            for index in 0..<size { value |= Value(bytes[position + index]) << (8 * index) }
            position += size
            return value
        }

        mutating func string() -> String? {
            guard let length = number().map(Int.init), bytes.count - position >= length else { return nil }
            let slice = bytes[position..<(position + length)]
            position += length
            return String(validating: slice, as: UTF8.self)
        }

        mutating func strings() -> [String]? {
            guard let count = number().map(Int.init), count <= bytes.count - position else { return nil }
            var list: [String] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = string() else { return nil }
                list.append(text)
            }
            return list
        }
    }
}
