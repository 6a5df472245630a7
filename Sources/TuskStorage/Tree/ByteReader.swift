import TuskCore

/// A bounds-checked cursor over encoded bytes.
struct ByteReader {
    /// Why an encoding was refused; converted to `.dataLoss` by the caller who knows the key.
    struct Failure: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private let buffer: UnsafeRawBufferPointer
    private var position = 0

    init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    var isAtEnd: Bool { position == buffer.count }
    var remaining: Int { buffer.count - position }

    mutating func byte() throws -> UInt8 {
        guard position < buffer.count else { throw Failure("it ends early at byte \(position)") }
        defer { position += 1 }
        return buffer[position]
    }

    mutating func bytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count <= remaining else { throw Failure("it ends early at byte \(buffer.count), \(count) more bytes expected") }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<(position + count)])
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            if shift == 63 && next > 1 { throw Failure("a number at byte \(position) overflows 64 bits") }
            value |= UInt64(next & 0x7f) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
            if shift > 63 { throw Failure("a number at byte \(position) is longer than 10 bytes") }
        }
    }

    /// A non-negative 64-bit integer.
    mutating func integer() throws -> Int64 {
        let value = try varint()
        guard value <= UInt64(Int64.max) else { throw Failure("the number \(value) at byte \(position) is too large") }
        return Int64(value)
    }

    /// An element count, refused when the remaining bytes could not hold that many elements.
    mutating func count(minimumBytesEach: Int) throws -> Int {
        let value = try varint()
        guard value <= UInt64(remaining / minimumBytesEach) else {
            throw Failure("it claims \(value) elements but only \(remaining) bytes remain")
        }
        return Int(value)
    }

    mutating func name() throws -> String {
        let length = try count(minimumBytesEach: 1)
        guard let name = String(validating: try bytes(length), as: UTF8.self) else {
            throw Failure("a name at byte \(position) is not valid UTF-8")
        }
        return name
    }

    mutating func hash() throws -> ContentHash {
        guard let hash = ContentHash(bytes: try bytes(32)) else { throw Failure("a hash at byte \(position) is not 32 bytes") }
        return hash
    }
}
