import Testing
@testable import TuskStorageS3

@Test func moduleBuilds() { _ = S3Module.self }
