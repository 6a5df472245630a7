/// Runs a `GlobProgram` over UTF-8 bytes by backtracking, with a visited set of
/// (instruction, position) pairs so that no state is explored twice.
///
/// The visited set bounds the work by instructions × input length (no exponential blow-up on
/// patterns like `*a*a*a*b`) and stops empty loops such as `*(?(x))`. It keeps captures exact:
/// states are explored in priority order, so the first visit to a state is the preferred one, and
/// whether a state can reach the end does not depend on the captures recorded on the way to it.
struct GlobMachine {
    enum Mode {
        /// The program must consume the input exactly, ending on `match`.
        case whole
        /// Succeeds as soon as some thread needs input beyond the end: the input is then a proper
        /// prefix of something the pattern may match. Used by `mayMatchBelow`.
        case prefix
    }

    private enum Frame {
        case resume(instruction: Int, position: Int)
        case restore(slot: Int, value: Int)
        /// Try the next shorter run for the run-consuming instruction at `instruction`, which
        /// started at `start` and was last tried up to `current`.
        case retryRun(instruction: Int, start: Int, current: Int)
    }

    let program: GlobProgram
    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let end: Int

    private static let slash = UInt8(ascii: "/")

    /// Runs the program over `bytes[start..<end]`; nil when it does not match. On a match the
    /// result holds, when `recordCaptures` is set, the capture slots (absolute byte positions,
    /// -1 for groups that took no part), and is empty otherwise.
    func run(mode: Mode, recordCaptures: Bool = false) -> [Int]? {
        let instructions = program.instructions
        let width = end - start + 1
        var visited = [UInt64](repeating: 0, count: (instructions.count * width + 63) / 64)
        var slots = [Int](repeating: -1, count: recordCaptures ? program.slotCount : 0)
        var stack: [Frame] = [.resume(instruction: 0, position: start)]

        while let frame = stack.popLast() {
            var pc: Int
            var position: Int
            switch frame {
            case .restore(let slot, let value):
                slots[slot] = value
                continue
            case .resume(let instruction, let at):
                pc = instruction
                position = at
            case .retryRun(let instruction, let runStart, let current):
                guard let candidate = nextShorterRun(instruction: instructions[instruction], start: runStart, below: current) else {
                    continue
                }
                if candidate > runStart {
                    stack.append(.retryRun(instruction: instruction, start: runStart, current: candidate))
                }
                pc = instruction + 1
                position = candidate
            }

            thread: while true {
                let key = pc * width + (position - start)
                let mask = UInt64(1) << UInt64(key & 63)
                if visited[key >> 6] & mask != 0 { break thread }
                visited[key >> 6] |= mask

                switch instructions[pc] {
                case .match:
                    if mode == .whole && position == end {
                        return slots
                    }
                    break thread
                case .text(let text):
                    var index = 0
                    while index < text.count {
                        if position + index == end {
                            if mode == .prefix { return slots }
                            break thread
                        }
                        if bytes[position + index] != text[index] { break thread }
                        index += 1
                    }
                    position += text.count
                    pc += 1
                case .anyInSegment, .anyAcrossSegments:
                    let runEnd = runLimit(instructions[pc], from: position)
                    if mode == .prefix && runEnd == end { return slots }
                    if runEnd > position {
                        stack.append(.retryRun(instruction: pc, start: position, current: runEnd))
                    }
                    position = runEnd
                    pc += 1
                case .singleCharacter:
                    if position == end {
                        if mode == .prefix { return slots }
                        break thread
                    }
                    if bytes[position] == Self.slash { break thread }
                    position = scalarEnd(from: position)
                    pc += 1
                case .characterClass(let characterClass):
                    if position == end {
                        if mode == .prefix { return slots }
                        break thread
                    }
                    let (scalar, next) = decodeScalar(at: position)
                    if !characterClass.contains(scalar) { break thread }
                    position = next
                    pc += 1
                case .split(let preferred, let alternative):
                    stack.append(.resume(instruction: alternative, position: position))
                    pc = preferred
                case .jump(let target):
                    pc = target
                case .save(let slot):
                    if recordCaptures {
                        stack.append(.restore(slot: slot, value: slots[slot]))
                        slots[slot] = position
                    }
                    pc += 1
                case .noneOf:
                    let runEnd = runLimit(instructions[pc], from: position)
                    if mode == .prefix && runEnd == end { return slots }
                    let candidate: Int
                    if isAcceptedNegation(instructions[pc], from: position, to: runEnd) {
                        candidate = runEnd
                    } else if let shorter = nextShorterRun(instruction: instructions[pc], start: position, below: runEnd) {
                        candidate = shorter
                    } else {
                        break thread
                    }
                    if candidate > position {
                        stack.append(.retryRun(instruction: pc, start: position, current: candidate))
                    }
                    position = candidate
                    pc += 1
                }
            }
        }
        return nil
    }

    /// Where the longest run of the instruction starting at `position` ends.
    private func runLimit(_ instruction: GlobProgram.Instruction, from position: Int) -> Int {
        if case .anyAcrossSegments = instruction { return end }
        var runEnd = position
        while runEnd < end && bytes[runEnd] != Self.slash { runEnd += 1 }
        return runEnd
    }

    /// The next run end below `current` (and at least `start`) that the instruction accepts.
    private func nextShorterRun(instruction: GlobProgram.Instruction, start runStart: Int, below current: Int) -> Int? {
        var candidate = current
        while candidate > runStart {
            candidate -= 1
            while candidate > runStart && bytes[candidate] & 0xC0 == 0x80 { candidate -= 1 }
            if isAcceptedNegation(instruction, from: runStart, to: candidate) { return candidate }
        }
        return nil
    }

    /// For `!(…)`, whether the run `from..<to` is not matched by the negated sub-program;
    /// every other run instruction accepts any run.
    private func isAcceptedNegation(_ instruction: GlobProgram.Instruction, from: Int, to: Int) -> Bool {
        guard case .noneOf(let index) = instruction else { return true }
        let inner = GlobMachine(program: program.negatedPrograms[index], bytes: bytes, start: from, end: to)
        return inner.run(mode: .whole) == nil
    }

    private func scalarEnd(from position: Int) -> Int {
        let lead = bytes[position]
        let length: Int
        switch lead {
        case ..<0x80: length = 1
        case ..<0xE0: length = 2
        case ..<0xF0: length = 3
        default: length = 4
        }
        return min(position + length, end)
    }

    private func decodeScalar(at position: Int) -> (UInt32, Int) {
        let next = scalarEnd(from: position)
        let lead = UInt32(bytes[position])
        var value: UInt32
        switch next - position {
        case 1: return (lead, next)
        case 2: value = lead & 0x1F
        case 3: value = lead & 0x0F
        default: value = lead & 0x07
        }
        var index = position + 1
        while index < next {
            value = value << 6 | UInt32(bytes[index] & 0x3F)
            index += 1
        }
        return (value, next)
    }
}
