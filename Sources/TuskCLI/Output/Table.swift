/// A text table laid out the way pachctl prints lists: uppercase headers, columns padded to
/// the widest cell, two spaces between columns, no trailing spaces.
public struct Table: Sendable, Equatable {
    public let headers: [String]
    public private(set) var rows: [[String]] = []

    public init(headers: [String]) { self.headers = headers.map { $0.uppercased() } }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The rendered table, one line per row, each ending in a newline.
    public func rendered() -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        var text = ""
        for row in all {
            var line = ""
            for column in 0..<headers.count {
                let cell = column < row.count ? row[column] : ""
                if column == headers.count - 1 {
                    line += cell
                } else {
                    line += cell + String(repeating: " ", count: widths[column] - cell.count + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
