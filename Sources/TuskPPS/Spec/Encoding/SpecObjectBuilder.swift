import TuskCore

/// Builds the protojson object of a spec message with lowerCamelCase keys, leaving out fields
/// at their zero value as protojson does, so decode → encode → decode is stable.
struct SpecObjectBuilder {
    private(set) var members: [SpecMember] = []

    var value: SpecValue { .object(members) }
    var isEmpty: Bool { members.isEmpty }

    mutating func add(_ key: String, _ text: String) {
        if !text.isEmpty { members.append(SpecMember(key, .string(text))) }
    }

    mutating func add(_ key: String, _ flag: Bool) {
        if flag { members.append(SpecMember(key, .bool(true))) }
    }

    /// int64 values are written as strings, as protojson does.
    mutating func add(_ key: String, _ number: Int64) {
        if number != 0 { members.append(SpecMember(key, .string(String(number)))) }
    }

    mutating func add(_ key: String, unsigned number: UInt64) {
        if number != 0 { members.append(SpecMember(key, .string(String(number)))) }
    }

    mutating func add(_ key: String, int32 number: Int32) {
        if number != 0 { members.append(SpecMember(key, .number(String(number)))) }
    }

    mutating func add(_ key: String, _ number: Double) {
        guard number != 0 else { return }
        let text = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        members.append(SpecMember(key, .number(text)))
    }

    mutating func add(_ key: String, _ texts: [String]) {
        if !texts.isEmpty { members.append(SpecMember(key, .array(texts.map { .string($0) }))) }
    }

    mutating func add(_ key: String, _ numbers: [Int64]) {
        if !numbers.isEmpty { members.append(SpecMember(key, .array(numbers.map { .string(String($0)) }))) }
    }

    /// Maps are written with their keys sorted, so the output is deterministic.
    mutating func add(_ key: String, _ map: [String: String]) {
        guard !map.isEmpty else { return }
        let sorted = map.keys.sorted().map { SpecMember($0, .string(map[$0] ?? "")) }
        members.append(SpecMember(key, .object(sorted)))
    }

    mutating func add(_ key: String, _ duration: Duration?) {
        if let duration { members.append(SpecMember(key, .string(DurationText.format(duration)))) }
    }

    mutating func add(_ key: String, _ timestamp: Timestamp?) {
        if let timestamp { members.append(SpecMember(key, .string(TimestampText.format(timestamp)))) }
    }

    /// A nested message; present messages are written even when all their fields are zero.
    mutating func add(_ key: String, message: SpecValue?) {
        if let message { members.append(SpecMember(key, message)) }
    }

    mutating func add(_ key: String, messages: [SpecValue]) {
        if !messages.isEmpty { members.append(SpecMember(key, .array(messages))) }
    }
}
