/// One 512-byte USTAR header block under construction: field offsets, octal number fields and
/// the checksum.
struct TarHeaderBlock {
    static let nameOffset = 0
    static let nameLength = 100
    static let modeOffset = 100
    static let userIDOffset = 108
    static let groupIDOffset = 116
    static let sizeOffset = 124
    static let modificationTimeOffset = 136
    static let checksumOffset = 148
    static let typeflagOffset = 156
    static let magicOffset = 257
    static let versionOffset = 263
    static let deviceMajorOffset = 329
    static let deviceMinorOffset = 337
    static let prefixOffset = 345
    static let prefixLength = 155
    /// The largest size that fits the 12-byte size field as 11 octal digits.
    static let maximumOctalSize: Int64 = 0o77777777777

    private(set) var bytes = [UInt8](repeating: 0, count: 512)

    /// Writes text into a field, truncated to its length; a field filled completely has no NUL.
    mutating func setText(_ text: [UInt8], at offset: Int, length: Int) {
        for (index, byte) in text.prefix(length).enumerated() {
            bytes[offset + index] = byte
        }
    }

    /// Writes a zero-padded octal number followed by a NUL, filling the field.
    mutating func setOctal(_ value: Int64, at offset: Int, length: Int) {
        var digits = Array(String(value, radix: 8).utf8)
        let width = length - 1
        if digits.count < width {
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: width - digits.count) + digits
        }
        setText(Array(digits.suffix(width)), at: offset, length: width)
        bytes[offset + width] = 0
    }

    /// Fills the fixed fields (mode, ids, mtime 0; USTAR magic and version; device numbers)
    /// and the type, then computes the checksum over the block with the checksum field as spaces.
    mutating func finish(typeflag: UInt8) {
        setOctal(0, at: Self.modeOffset, length: 8)
        setOctal(0, at: Self.userIDOffset, length: 8)
        setOctal(0, at: Self.groupIDOffset, length: 8)
        setOctal(0, at: Self.modificationTimeOffset, length: 12)
        bytes[Self.typeflagOffset] = typeflag
        setText(Array("ustar\0".utf8), at: Self.magicOffset, length: 6)
        setText(Array("00".utf8), at: Self.versionOffset, length: 2)
        setOctal(0, at: Self.deviceMajorOffset, length: 8)
        setOctal(0, at: Self.deviceMinorOffset, length: 8)
        for index in Self.checksumOffset..<(Self.checksumOffset + 8) { bytes[index] = UInt8(ascii: " ") }
        let checksum = bytes.reduce(0) { $0 + Int64($1) }
        setOctal(checksum, at: Self.checksumOffset, length: 7)
        bytes[Self.checksumOffset + 7] = UInt8(ascii: " ")
    }
}
