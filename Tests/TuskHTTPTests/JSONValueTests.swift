import Foundation
import Testing
import TuskCore
@testable import TuskHTTP

@Suite("JSON bodies")
struct JSONValueTests {
    @Test("strings are escaped so any text round-trips through a JSON parser")
    func escaping() throws {
        let nasty = "quote \" backslash \\ newline \n tab \t bell \u{7} line separator \u{2028} é 🐘"
        let value: JSONValue = ["text": JSONValue(nasty), "list": [1, true, nil], "raw": .raw(#"{"a":[1]}"#)]
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any])
        #expect(parsed["text"] as? String == nasty)
        #expect((parsed["raw"] as? [String: Any])?["a"] as? [Int] == [1])
        #expect(value.text.hasPrefix(#"{"text":"#), "keys keep their order")
    }

    @Test("a page says where the next one starts, and none after the last")
    func pageEnvelope() throws {
        let middle = PageRequest(offset: 2, limit: 2).page(Array(0..<5)) { JSONValue($0) }
        #expect(middle == ["items": [2, 3], "total": 5, "offset": 2, "limit": 2, "next_offset": 4])
        let last = PageRequest(offset: 4, limit: 2).page(Array(0..<5)) { JSONValue($0) }
        #expect(last == ["items": [4], "total": 5, "offset": 4, "limit": 2, "next_offset": nil])
        let beyond = PageRequest(offset: 9, limit: 2).page(Array(0..<5)) { JSONValue($0) }
        #expect(beyond == ["items": [], "total": 5, "offset": 9, "limit": 2, "next_offset": nil])
    }

    @Test("timestamps are RFC 3339 UTC with milliseconds")
    func timestamps() {
        #expect(TimeText.format(Timestamp(microseconds: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(TimeText.format(Timestamp(microseconds: 1_714_564_800_123_456)) == "2024-05-01T12:00:00.123Z")
    }
}
