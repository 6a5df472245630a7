import Testing
@testable import TuskMetadataPostgres

@Test func moduleBuilds() { _ = PostgresModule.self }
