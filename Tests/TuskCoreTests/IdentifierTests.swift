import Testing
@testable import TuskCore

/// Commit ids and content hashes.
struct IdentifierTests {
    @Test func randomCommitIDIsLowercaseUUIDv4Hex() {
        for _ in 0..<200 {
            let id = CommitID.random().value
            let characters = Array(id)
            #expect(characters.count == 32)
            #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(characters[12] == "4")
            #expect("89ab".contains(characters[16]))
            #expect(CommitID(id)?.value == id)
        }
    }

    @Test func randomCommitIDsDiffer() {
        let ids = Set((0..<1000).map { _ in CommitID.random() })
        #expect(ids.count == 1000)
    }

    @Test func commitIDParsing() {
        #expect(CommitID("0123456789ABCDEF0123456789abcdef")?.value == "0123456789abcdef0123456789abcdef")
        #expect(CommitID("0123456789abcdef0123456789abcde") == nil)
        #expect(CommitID("0123456789abcdef0123456789abcdef0") == nil)
        #expect(CommitID("0123456789abcdeg0123456789abcdef") == nil)
        #expect(CommitID("") == nil)
    }

    @Test func contentHashHexRoundTrip() throws {
        let hex = "00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210"
        let hash = try #require(ContentHash(hex: hex))
        #expect(hash.hex == hex)
        #expect(hash.description == hex)
        #expect(ContentHash(hex: hex.uppercased()) == hash)
        #expect(hash.bytes.count == 32)
        #expect(hash.bytes.first == 0x00)
        #expect(hash.bytes[1] == 0x11)
        #expect(hash.bytes.last == 0x10)
    }

    @Test func contentHashBytesRoundTrip() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 & 0xff) }
        let hash = try #require(ContentHash(bytes: bytes))
        #expect(hash.bytes == bytes)
        #expect(ContentHash(hex: hash.hex) == hash)
    }

    @Test func contentHashRefusesWrongLengthsAndDigits() {
        #expect(ContentHash(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(ContentHash(bytes: [UInt8](repeating: 1, count: 33)) == nil)
        #expect(ContentHash(hex: String(repeating: "a", count: 63)) == nil)
        #expect(ContentHash(hex: String(repeating: "g", count: 64)) == nil)
        #expect(ContentHash(hex: "") == nil)
    }

    @Test func contentHashOrderingAndHashing() throws {
        let low = try #require(ContentHash(hex: String(repeating: "0", count: 63) + "1"))
        let high = try #require(ContentHash(hex: "1" + String(repeating: "0", count: 63)))
        #expect(low < high)
        #expect(Set([low, high, low]).count == 2)
    }
}
