import TuskCore

/// The size bounds of content-defined chunking.
///
/// Production uses `standard` (256 KiB minimum, about 1 MiB on average, 4 MiB maximum); tests
/// use small values so that a few megabytes give many chunks. Changing them changes where
/// chunks are cut, and so which stored chunks new data can share.
public struct ChunkerParameters: Hashable, Sendable {
    public let minimumSize: Int
    public let averageSize: Int
    public let maximumSize: Int

    /// 256 KiB / 1 MiB / 4 MiB.
    public static let standard = ChunkerParameters(uncheckedMinimum: 256 << 10, average: 1 << 20, maximum: 4 << 20)

    /// Validates `minimum < average < maximum`, with `minimum >= 64` (the gear hash needs a
    /// window) and `average >= 64`.
    public init(minimumSize: Int, averageSize: Int, maximumSize: Int) throws {
        guard minimumSize >= 64, averageSize > minimumSize, maximumSize > averageSize else {
            throw TuskError.invalid("chunk sizes \(minimumSize)/\(averageSize)/\(maximumSize) are invalid; they need 64 <= minimum < average < maximum")
        }
        self.init(uncheckedMinimum: minimumSize, average: averageSize, maximum: maximumSize)
    }

    private init(uncheckedMinimum: Int, average: Int, maximum: Int) {
        minimumSize = uncheckedMinimum
        averageSize = average
        maximumSize = maximum
    }
}

/// Finds content-defined chunk boundaries with a FastCDC-style gear hash.
///
/// Boundaries depend only on the bytes near them, so inserting bytes into a file moves the cut
/// points of the chunks around the insertion and leaves the later chunks (and their stored
/// objects) unchanged. Normalised chunking uses a stricter mask before the average size and a
/// looser one after it, which narrows the spread of chunk sizes. The gear table is generated
/// from a fixed seed, so every Tusk build cuts the same bytes at the same places.
public struct Chunker: Sendable {
    public let parameters: ChunkerParameters
    private let strictMask: UInt64
    private let looseMask: UInt64

    public init(parameters: ChunkerParameters = .standard) {
        self.parameters = parameters
        let bits = max(3, Int.bitWidth - 1 - parameters.averageSize.leadingZeroBitCount)
        strictMask = Self.topBits(min(bits + 2, 63))
        looseMask = Self.topBits(bits - 2)
    }

    /// The length of the chunk that starts at the beginning of `buffer`.
    ///
    /// Returns nil when `buffer` holds no boundary yet and is shorter than the maximum chunk
    /// size, unless `isFinal` (no more bytes will follow), in which case the whole buffer is the
    /// last chunk. A caller that always passes at least `maximumSize` bytes (or the final
    /// remainder) never gets nil, and each byte is scanned once.
    public func boundary(in buffer: UnsafeRawBufferPointer, isFinal: Bool) -> Int? {
        let count = buffer.count
        if count <= parameters.minimumSize { return isFinal ? count : nil }
        let limit = min(count, parameters.maximumSize)
        let normal = min(parameters.averageSize, limit)
        let strictMask = strictMask
        let looseMask = looseMask
        let found: Int? = Self.gearTable.withUnsafeBufferPointer { gear -> Int? in
            var hash: UInt64 = 0
            var index = parameters.minimumSize
            while index < normal {
                hash = (hash << 1) &+ gear[Int(buffer[index])]
                if hash & strictMask == 0 { return index + 1 }
                index += 1
            }
            while index < limit {
                hash = (hash << 1) &+ gear[Int(buffer[index])]
                if hash & looseMask == 0 { return index + 1 }
                index += 1
            }
            return nil
        }
        if let found { return found }
        if limit == parameters.maximumSize { return limit }
        return isFinal ? count : nil
    }

    /// The lengths of all chunks of a complete buffer, in order.
    public func chunkLengths(of buffer: UnsafeRawBufferPointer) -> [Int] {
        var lengths: [Int] = []
        var start = 0
        while start < buffer.count {
            let rest = UnsafeRawBufferPointer(rebasing: buffer[start...])
            let length = boundary(in: rest, isFinal: true) ?? rest.count
            lengths.append(length)
            start += length
        }
        return lengths
    }

    /// A mask of the `count` most significant bits: with a left-shifting gear hash these bits
    /// depend on the longest window of recent bytes.
    private static func topBits(_ count: Int) -> UInt64 {
        count <= 0 ? 0 : ~UInt64(0) << UInt64(64 - count)
    }

    /// 256 pseudo-random 64-bit values, one per byte value, from SplitMix64 with a fixed seed.
    static let gearTable: [UInt64] = {
        var state: UInt64 = 0x5475_736B_4344_4331 // "TuskCDC1"
        return (0..<256).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }()
}
