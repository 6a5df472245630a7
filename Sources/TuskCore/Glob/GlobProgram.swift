/// A glob pattern compiled into instructions for `GlobMachine`, a backtracking matcher.
///
/// The shape follows the classic regular-expression virtual machine: consuming instructions,
/// `split` for choices (the first target is preferred, which gives greedy, leftmost-first
/// captures like Go's `regexp` that Pachyderm compiles its globs to), `jump`, and `save` to
/// record where capture groups start and end. `!(…)` is one instruction that consumes a run
/// of non-`/` characters which its own sub-program must not match.
struct GlobProgram: Sendable {
    enum Instruction: Sendable {
        /// Consume exactly these UTF-8 bytes.
        case text([UInt8])
        /// `*`: consume a run (longest first) of characters other than `/`.
        case anyInSegment
        /// `**`: consume a run (longest first) of any characters.
        case anyAcrossSegments
        /// `?`: consume one character other than `/`.
        case singleCharacter
        /// Consume one character in the class.
        case characterClass(CharacterClass)
        /// Continue at `preferred`; on failure, at `alternative`.
        case split(preferred: Int, alternative: Int)
        case jump(Int)
        /// Record the current position in capture slot `slot` (group n uses slots 2n-2 and 2n-1).
        case save(slot: Int)
        /// `!(…)`: consume a run of non-`/` characters that `negatedPrograms[index]` does not match whole.
        case noneOf(index: Int)
        /// The pattern is complete.
        case match
    }

    var instructions: [Instruction]
    var negatedPrograms: [GlobProgram]
    /// Two slots per capture group.
    var slotCount: Int

    /// Compiles parsed elements; `groupCount` is the number of parenthesised groups in the whole pattern.
    init(elements: [GlobElement], groupCount: Int) {
        var compiler = Compiler(slotCount: groupCount * 2)
        compiler.emit(elements)
        compiler.instructions.append(.match)
        self.instructions = compiler.instructions
        self.negatedPrograms = compiler.negatedPrograms
        self.slotCount = groupCount * 2
    }

    init(alternatives: [[GlobElement]], slotCount: Int) {
        var compiler = Compiler(slotCount: slotCount)
        compiler.emitAlternatives(alternatives)
        compiler.instructions.append(.match)
        self.instructions = compiler.instructions
        self.negatedPrograms = compiler.negatedPrograms
        self.slotCount = slotCount
    }

    /// Emits instructions for elements, patching jump targets as it goes.
    private struct Compiler {
        let slotCount: Int
        var instructions: [Instruction] = []
        var negatedPrograms: [GlobProgram] = []

        init(slotCount: Int) { self.slotCount = slotCount }

        mutating func emit(_ elements: [GlobElement]) {
            for element in elements { emit(element) }
        }

        mutating func emit(_ element: GlobElement) {
            switch element {
            case .text(let text):
                instructions.append(.text(Array(text.utf8)))
            case .anyInSegment:
                instructions.append(.anyInSegment)
            case .anyAcrossSegments:
                instructions.append(.anyAcrossSegments)
            case .singleCharacter:
                instructions.append(.singleCharacter)
            case .characterClass(let characterClass):
                instructions.append(.characterClass(characterClass))
            case .alternatives(let alternatives):
                emitAlternatives(alternatives)
            case .group(let kind, let number, let alternatives):
                emitGroup(kind, number: number, alternatives: alternatives)
            }
        }

        /// Emits `a | b | c` as a chain of splits, each alternative jumping to the common end.
        mutating func emitAlternatives(_ alternatives: [[GlobElement]]) {
            var jumpsToEnd: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if index == alternatives.count - 1 {
                    emit(alternative)
                    break
                }
                let split = instructions.count
                instructions.append(.jump(-1))
                emit(alternative)
                jumpsToEnd.append(instructions.count)
                instructions.append(.jump(-1))
                instructions[split] = .split(preferred: split + 1, alternative: instructions.count)
            }
            for jump in jumpsToEnd {
                instructions[jump] = .jump(instructions.count)
            }
        }

        mutating func emitGroup(_ kind: GlobGroupKind, number: Int, alternatives: [[GlobElement]]) {
            let startSlot = (number - 1) * 2
            instructions.append(.save(slot: startSlot))
            switch kind {
            case .exactlyOne:
                emitAlternatives(alternatives)
            case .zeroOrOne:
                let split = instructions.count
                instructions.append(.jump(-1))
                emitAlternatives(alternatives)
                instructions[split] = .split(preferred: split + 1, alternative: instructions.count)
            case .zeroOrMore:
                let loop = instructions.count
                instructions.append(.jump(-1))
                emitAlternatives(alternatives)
                instructions.append(.jump(loop))
                instructions[loop] = .split(preferred: loop + 1, alternative: instructions.count)
            case .oneOrMore:
                let loop = instructions.count
                emitAlternatives(alternatives)
                instructions.append(.split(preferred: loop, alternative: instructions.count + 1))
            case .noneOf:
                negatedPrograms.append(GlobProgram(alternatives: alternatives, slotCount: slotCount))
                instructions.append(.noneOf(index: negatedPrograms.count - 1))
            }
            instructions.append(.save(slot: startSlot + 1))
        }
    }
}
