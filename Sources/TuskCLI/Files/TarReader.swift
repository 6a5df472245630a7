import Foundation
import TuskCore

/// What a tar stream holds, in order.
public enum TarEvent: Sendable, Equatable {
    case directory(String)
    /// A regular file begins; its content follows as `.content` events.
    case file(String, size: Int)
    case content(Data)
    /// The current file's content is complete.
    case fileEnd
}

/// A streaming reader of USTAR archives (with PAX `path` records and GNU long names), for
/// `get file -r` (extracting `GetFileTAR`) and `put file --untar`. Bytes go in as they arrive;
/// events come out, so an archive is never held in memory whole.
public struct TarReader: Sendable {
    /// What the bytes of the current entry are for.
    enum Purpose: Equatable { case emit, longName, paxRecords, skip }

    enum State: Equatable {
        case header
        case content(remaining: Int, padding: Int, purpose: Purpose)
        case finished
    }

    var state = State.header
    var buffer = Data()
    var metadata = Data()
    var pendingLongName: String?

    public init() {}

    public mutating func feed(_ data: Data) throws -> [TarEvent] {
        buffer.append(data)
        var events: [TarEvent] = []
        var position = buffer.startIndex
        loop: while true {
            switch state {
            case .finished:
                break loop
            case .header:
                guard buffer.endIndex - position >= 512 else { break loop }
                let block = buffer[position..<position + 512]
                position += 512
                try parseHeader(Data(block), into: &events)
            case .content(let remaining, let padding, let purpose):
                let available = buffer.endIndex - position
                if remaining > 0 {
                    guard available > 0 else { break loop }
                    let take = min(available, remaining)
                    let slice = Data(buffer[position..<position + take])
                    switch purpose {
                    case .emit: events.append(.content(slice))
                    case .longName, .paxRecords: metadata.append(slice)
                    case .skip: break
                    }
                    position += take
                    state = .content(remaining: remaining - take, padding: padding, purpose: purpose)
                    continue
                }
                guard available >= padding else { break loop }
                position += padding
                finishEntry(purpose, into: &events)
                state = .header
            }
        }
        buffer = Data(buffer[position...])
        return events
    }

    mutating func finishEntry(_ purpose: Purpose, into events: inout [TarEvent]) {
        switch purpose {
        case .emit: events.append(.fileEnd)
        case .longName:
            pendingLongName = String(decoding: metadata.prefix(while: { $0 != 0 }), as: UTF8.self)
        case .paxRecords:
            for record in String(decoding: metadata, as: UTF8.self).split(separator: "\n") {
                guard let space = record.firstIndex(of: " ") else { continue }
                let pair = record[record.index(after: space)...]
                if pair.hasPrefix("path=") { pendingLongName = String(pair.dropFirst(5)) }
            }
        case .skip: break
        }
        metadata = Data()
    }

    static func field(_ block: Data, _ offset: Int, _ length: Int) -> String {
        let start = block.startIndex + offset
        let bytes = block[start..<start + length].prefix(while: { $0 != 0 })
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func parseHeader(_ block: Data, into events: inout [TarEvent]) throws {
        if block.allSatisfy({ $0 == 0 }) {
            state = .finished
            return
        }
        let sizeText = Self.field(block, 124, 12).trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
        guard let size = Int(sizeText.isEmpty ? "0" : sizeText, radix: 8) else {
            throw TuskError.invalid("the tar stream has a header with an unreadable size \"\(sizeText)\"", location: "tar")
        }
        let padding = (512 - size % 512) % 512
        let type = block[block.startIndex + 156]
        var name = Self.field(block, 0, 100)
        let prefix = Self.field(block, 345, 155)
        if !prefix.isEmpty { name = prefix + "/" + name }
        if let long = pendingLongName, type != UInt8(ascii: "L"), type != UInt8(ascii: "x") {
            name = long
            pendingLongName = nil
        }
        let purpose: Purpose
        switch type {
        case UInt8(ascii: "L"): purpose = .longName
        case UInt8(ascii: "x"): purpose = .paxRecords
        case UInt8(ascii: "5"):
            events.append(.directory(name))
            purpose = .skip
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
            events.append(.file(name, size: size))
            purpose = .emit
        default: purpose = .skip
        }
        state = .content(remaining: size, padding: padding, purpose: purpose)
    }
}
