import Testing
import TuskCore
import TuskMetadata

@Suite struct SQLValueTests {
    @Test func literalsBuildTheMatchingCase() {
        let values: [SQLValue] = ["text", 7, 2.5, nil, true, false]
        #expect(values == [.text("text"), .integer(7), .real(2.5), .null, .integer(1), .integer(0)])
    }

    @Test func optionalInitializersMapNilToNull() {
        #expect(SQLValue(String?.none) == .null)
        #expect(SQLValue(Int64?.none) == .null)
        #expect(SQLValue(Double?.none) == .null)
        #expect(SQLValue(Optional("a")) == .text("a"))
        #expect(SQLValue(Optional(Int64(3))) == .integer(3))
        #expect(SQLValue(5) == .integer(5))
        #expect(SQLValue.null.isNull)
        #expect(!SQLValue.integer(0).isNull)
    }
}

@Suite struct SQLRowTests {
    let row = SQLRow(
        names: ["name", "count", "ratio", "flag", "nothing"],
        values: ["images", 3, 0.5, 1, nil]
    )

    @Test func typedAccessorsReadTheirColumns() throws {
        #expect(try row.string("name") == "images")
        #expect(try row.int64("count") == 3)
        #expect(try row.int("count") == 3)
        #expect(try row.double("ratio") == 0.5)
        #expect(try row.double("count") == 3.0)
        #expect(try row.bool("flag"))
        #expect(try row.optionalString("nothing") == nil)
        #expect(try row.optionalInt64("nothing") == nil)
        #expect(try row.optionalDouble("nothing") == nil)
    }

    @Test func missingColumnIsAnInternalErrorNamingIt() throws {
        let error = try #require(throws: TuskError.self) { try row.string("missing") }
        #expect(error.code == .internal)
        #expect(error.message.contains("\"missing\""))
    }

    @Test func nullWhereAValueIsRequiredNamesTheColumn() throws {
        let error = try #require(throws: TuskError.self) { try row.int64("nothing") }
        #expect(error.code == .internal)
        #expect(error.message.contains("\"nothing\""))
        #expect(error.message.contains("NULL"))
    }

    @Test func wrongTypeNamesTheColumn() throws {
        let textAsInteger = try #require(throws: TuskError.self) { try row.int64("name") }
        #expect(textAsInteger.message.contains("\"name\""))
        let integerAsText = try #require(throws: TuskError.self) { try row.string("count") }
        #expect(integerAsText.message.contains("\"count\""))
        let notABoolean = try #require(throws: TuskError.self) { try row.bool("count") }
        #expect(notABoolean.message.contains("\"count\""))
    }
}
