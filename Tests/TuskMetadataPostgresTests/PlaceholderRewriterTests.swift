import Testing
@testable import TuskMetadataPostgres

/// `?` becomes `$1, $2, ...` outside literals, quoted identifiers and comments, and nowhere else.
struct PlaceholderRewriterTests {
    @Test(arguments: [
        ("SELECT * FROM t WHERE a = ? AND b > ?", "SELECT * FROM t WHERE a = $1 AND b > $2", 2),
        ("SELECT 'is it?' AS q, ? AS v", "SELECT 'is it?' AS q, $1 AS v", 1),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
        ("SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1", 1),
        ("SELECT E'back\\\\'' ?' , ?", "SELECT E'back\\\\'' ?' , $1", 1),
        ("SELECT $$ a ? b $$, ?", "SELECT $$ a ? b $$, $1", 1),
        ("SELECT $tag$ ? $x$ ? $tag$, ?", "SELECT $tag$ ? $x$ ? $tag$, $1", 1),
        ("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2),
        ("SELECT /* a ? /* nested ? */ still ? */ ?", "SELECT /* a ? /* nested ? */ still ? */ $1", 1),
        ("INSERT INTO t (a, b, c) VALUES (?, ?, ?)", "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)", 3),
        ("SELECT 'ü?' || ?", "SELECT 'ü?' || $1", 1),
        ("SELECT 1", "SELECT 1", 0),
        ("SELECT 'unterminated ?", "SELECT 'unterminated ?", 0),
    ])
    func rewrites(_ sql: String, _ expected: String, _ count: Int) {
        let rewritten = PlaceholderRewriter.rewrite(sql)
        #expect(rewritten.sql == expected)
        #expect(rewritten.parameterCount == count)
    }

    @Test func numbersPastNine() {
        let sql = Array(repeating: "?", count: 12).joined(separator: ", ")
        let rewritten = PlaceholderRewriter.rewrite(sql)
        #expect(rewritten.sql == (1...12).map { "$\($0)" }.joined(separator: ", "))
    }

    @Test func cachesEachStatement() {
        let rewriter = PlaceholderRewriter()
        let first = rewriter.rewrite("SELECT ?")
        let second = rewriter.rewrite("SELECT ?")
        #expect(first == second)
        #expect(first.sql == "SELECT $1")
    }
}
