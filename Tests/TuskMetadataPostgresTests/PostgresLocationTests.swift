import Testing
import TuskCore
@testable import TuskMetadataPostgres

/// Parsing of `postgres://` URLs: the parts, the defaults, `PGPASSWORD`, and refusals.
struct PostgresLocationTests {
    @Test func parsesEveryPart() throws {
        let location = try PostgresLocation(url: "postgres://ann:s%40cret@db.example:6543/tusk?sslmode=require", environment: [:])
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "ann")
        #expect(location.password == "s@cret")
        #expect(location.database == "tusk")
        #expect(location.tlsMode == .require)
        #expect(location.description == "postgres://ann@db.example:6543/tusk")
    }

    @Test func appliesDefaultsAndTheLongScheme() throws {
        let location = try PostgresLocation(url: "postgresql://ann@127.0.0.1/tusk", environment: [:])
        #expect(location.port == 5432)
        #expect(location.password == nil)
        #expect(location.tlsMode == .prefer)
    }

    @Test func takesThePasswordFromPGPASSWORDWhenTheURLHasNone() throws {
        let environment = ["PGPASSWORD": "from-env"]
        #expect(try PostgresLocation(url: "postgres://ann@h/db", environment: environment).password == "from-env")
        #expect(try PostgresLocation(url: "postgres://ann:inline@h/db", environment: environment).password == "inline")
    }

    @Test func acceptsABracketedIPv6Host() throws {
        let location = try PostgresLocation(url: "postgres://ann@[::1]:5433/db?sslmode=disable", environment: [:])
        #expect(location.host == "::1")
        #expect(location.description == "postgres://ann@[::1]:5433/db")
    }

    @Test(arguments: [
        ("mysql://ann@h/db", "scheme"),
        ("postgres://h/db", "no user"),
        ("postgres://ann@/db", "no host"),
        ("postgres://ann@h", "database"),
        ("postgres://ann@h/a/b", "database"),
        ("postgres://ann@h/db?sslmode=sometimes", "sslmode"),
        ("postgres://ann@h/db?pool=3", "\"pool\""),
        ("postgres://ann@h:99999/db", "port"),
        ("not a url at all", "postgres://user"),
    ])
    func refusesMalformedURLs(_ url: String, _ mentions: String) throws {
        let error = #expect(throws: TuskError.self) { try PostgresLocation(url: url, environment: [:]) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains(mentions) == true, "\(error?.message ?? "")")
    }

    @Test func neverShowsThePasswordOfARefusedURL() throws {
        let error = #expect(throws: TuskError.self) {
            try PostgresLocation(url: "mysql://ann:topsecret@h/db", environment: [:])
        }
        #expect(error?.message.contains("topsecret") == false)
        #expect(error?.message.contains("ann:***@h") == true)
    }
}
