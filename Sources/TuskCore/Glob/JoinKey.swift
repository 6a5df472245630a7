/// Builds the key of a `join_on` or `group_by` template from a glob match's capture groups.
///
/// Pachyderm expands these templates like Go's `regexp.Expand`: `$1` or `${1}` is capture group
/// 1, `$$` is a literal `$`, a reference to a group that does not exist (or to a name, since
/// globs have no named groups) becomes empty, and a `$` that starts no reference stays as is.
/// A name runs as far as letters, digits and `_` go, so `$1x` names "1x": write `${1}x`.
public enum JoinKey {
    public static func substitute(_ template: String, captures: [String]) -> String {
        var result = ""
        var characters = Substring(template)
        while let dollar = characters.firstIndex(of: "$") {
            result += characters[..<dollar]
            characters = characters[characters.index(after: dollar)...]
            if characters.first == "$" {
                result += "$"
                characters = characters.dropFirst()
                continue
            }
            let name: Substring
            if characters.first == "{" {
                guard let close = characters.firstIndex(of: "}") else {
                    result += "$"
                    continue
                }
                name = characters[characters.index(after: characters.startIndex)..<close]
                guard !name.isEmpty, name.allSatisfy(isNameCharacter) else {
                    result += "$"
                    continue
                }
                characters = characters[characters.index(after: close)...]
            } else {
                name = characters.prefix(while: isNameCharacter)
                guard !name.isEmpty else {
                    result += "$"
                    continue
                }
                characters = characters.dropFirst(name.count)
            }
            if name.allSatisfy({ $0.isASCII && $0.isNumber }), name.count < 9, let number = Int(name),
               number >= 1, number <= captures.count {
                result += captures[number - 1]
            }
        }
        result += characters
        return result
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }
}
