import TuskCore

/// One thing wrong with a pipeline spec: the field path it concerns (`input.cross[1].pfs.glob`)
/// and a sentence saying what was wrong and what would be right.
///
/// Parsing and validation collect every problem instead of stopping at the first, so a user
/// fixes a spec in one round; `SpecProblem.error(_:)` folds them into one `TuskError`.
public struct SpecProblem: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { message }

    /// One `.invalidArgument` error listing every problem, one per line, located at the first.
    public static func error(_ problems: [SpecProblem], pipeline: String? = nil) -> TuskError {
        let heading = pipeline.map { "pipeline spec \"\($0)\" is not valid" } ?? "pipeline spec is not valid"
        let lines = problems.map { "  - \($0.message)" }.joined(separator: "\n")
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return TuskError.invalid("\(heading) (\(count)):\n\(lines)", location: problems.first?.path)
    }
}

/// Field-name helpers shared by the reader and the validator.
enum FieldNames {
    /// protojson's JSON name of a proto field: `join_on` → `joinOn`, `URL` → `URL`.
    static func lowerCamel(_ snake: String) -> String {
        var result = ""
        var upperNext = false
        for character in snake {
            if character == "_" {
                upperNext = true
            } else if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// `joinOn` → `join_on`, for comparing an unknown key with the known ones.
    static func snake(_ key: String) -> String {
        var result = ""
        for character in key {
            if character.isUppercase, !result.isEmpty, !(result.last?.isUppercase ?? false) {
                result += "_"
            }
            result += character.lowercased()
        }
        return result
    }

    /// The known field closest to `key` when it is close enough to be a likely typo.
    static func suggestion(for key: String, among known: [String]) -> String? {
        let wanted = snake(key)
        var best: (String, Int)?
        for candidate in known {
            let distance = editDistance(wanted, candidate.lowercased())
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(wanted.count, candidate.count) / 3)
        if distance <= limit { return candidate }
        if candidate.hasPrefix(wanted) || wanted.hasPrefix(candidate) { return candidate }
        return nil
    }

    /// Levenshtein distance between two strings.
    static func editDistance(_ left: String, _ right: String) -> Int {
        let left = Array(left)
        let right = Array(right)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for leftIndex in 1...left.count {
            current[0] = leftIndex
            for rightIndex in 1...right.count {
                let substitution = previous[rightIndex - 1] + (left[leftIndex - 1] == right[rightIndex - 1] ? 0 : 1)
                current[rightIndex] = min(previous[rightIndex] + 1, current[rightIndex - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
