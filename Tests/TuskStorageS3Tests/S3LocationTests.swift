import AsyncHTTPClient
import Foundation
import Testing
import TuskCore
import TuskTesting
@testable import TuskStorageS3

@Suite struct S3LocationTests {
    @Test func awsDefaultsToVirtualHostAtTheRegionalEndpoint() throws {
        let location = try S3Location(parsing: "s3://my-bucket", environment: [:])
        #expect(location.bucket == "my-bucket")
        #expect(location.prefix == "")
        #expect(location.region == "us-east-1")
        #expect(location.endpoint == S3Endpoint(scheme: "https", host: "s3.us-east-1.amazonaws.com"))
        #expect(!location.pathStyle)
        #expect(location.profile == nil)
    }

    @Test func regionComesFromTheURLThenTheEnvironment() throws {
        #expect(try S3Location(parsing: "s3://b-1", environment: ["AWS_DEFAULT_REGION": "eu-west-1"]).region == "eu-west-1")
        #expect(try S3Location(parsing: "s3://b-1", environment: ["AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "eu-west-1"]).region == "eu-north-1")
        let location = try S3Location(parsing: "s3://b-1?region=ap-south-1", environment: ["AWS_REGION": "eu-north-1"])
        #expect(location.region == "ap-south-1")
        #expect(location.endpoint.host == "s3.ap-south-1.amazonaws.com")
    }

    @Test func aCustomEndpointDefaultsToPathStyle() throws {
        let location = try S3Location(parsing: "s3://data.bucket/tusk/prod/?endpoint=http://127.0.0.1:9000&profile=minio", environment: [:])
        #expect(location.bucket == "data.bucket")
        #expect(location.prefix == "tusk/prod/")
        #expect(location.endpoint == S3Endpoint(scheme: "http", host: "127.0.0.1", port: 9000))
        #expect(location.pathStyle)
        #expect(location.profile == "minio")
        let virtual = try S3Location(parsing: "s3://bucket?endpoint=https%3A%2F%2Fminio.example.com%3A443&path_style=false", environment: [:])
        #expect(!virtual.pathStyle)
        #expect(virtual.endpoint == S3Endpoint(scheme: "https", host: "minio.example.com"))
    }

    @Test(arguments: [
        ("http://bucket", "s3://"),
        ("s3://", "bucket"),
        ("s3://Upper", "bucket"),
        ("s3://ab", "bucket"),
        ("s3://-bucket", "bucket"),
        ("s3://bucket/a//b", "prefix"),
        ("s3://bucket/a/../b", "prefix"),
        ("s3://bucket?colour=red", "colour"),
        ("s3://bucket?region=", "region"),
        ("s3://bucket?region=EU WEST", "region"),
        ("s3://bucket?endpoint=ftp://host", "endpoint"),
        ("s3://bucket?endpoint=http://host:99999", "endpoint"),
        ("s3://bucket?endpoint=http://host/path", "endpoint"),
        ("s3://bucket?path_style=maybe", "path_style"),
        ("s3://bucket?region=a&region=b", "region"),
    ])
    func badURLsNameTheBadPart(_ url: String, _ part: String) {
        do {
            _ = try S3Location(parsing: url, environment: [:])
            Issue.record("\(url) was accepted")
        } catch let error as TuskError {
            #expect(error.code == .invalidArgument)
            #expect(error.message.contains(part) || error.location == part, "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func ipv6EndpointsKeepTheirBrackets() throws {
        let endpoint = try S3Endpoint(parsing: "http://[::1]:9000/")
        #expect(endpoint.host == "::1")
        #expect(endpoint.hostHeader() == "[::1]:9000")
    }

    @Test func pathStyleAndVirtualHostAddresses() throws {
        let client = HTTPClient.shared
        let credentials = S3Credentials(accessKeyId: "a", secretAccessKey: "b")
        let path = try S3ObjectStore(location: S3Location(parsing: "s3://bucket/pre?endpoint=http://127.0.0.1:9000", environment: [:]), credentials: credentials, httpClient: client)
        let pathAddress = path.client.address(key: "pre/a b/c", query: [("x", "1/2")])
        #expect(pathAddress.url == "http://127.0.0.1:9000/bucket/pre/a%20b/c?x=1%2F2")
        #expect(pathAddress.host == "127.0.0.1:9000")
        #expect(pathAddress.encodedPath == "/bucket/pre/a%20b/c")
        #expect(path.client.address(key: nil, query: []).url == "http://127.0.0.1:9000/bucket")

        let aws = try S3ObjectStore(location: S3Location(parsing: "s3://bucket?region=eu-west-1", environment: [:]), credentials: credentials, httpClient: client)
        let awsAddress = aws.client.address(key: "k", query: [])
        #expect(awsAddress.url == "https://bucket.s3.eu-west-1.amazonaws.com/k")
        #expect(awsAddress.host == "bucket.s3.eu-west-1.amazonaws.com")
        #expect(awsAddress.encodedPath == "/k")
        #expect(aws.client.address(key: nil, query: [("list-type", "2")]).url == "https://bucket.s3.eu-west-1.amazonaws.com/?list-type=2")

        var options = S3StoreOptions()
        options.connectTo = S3Endpoint(scheme: "http", host: "127.0.0.1", port: 5000)
        let tunnelled = try S3ObjectStore(location: S3Location(parsing: "s3://bucket?endpoint=http://localhost:5000&path_style=false", environment: [:]), credentials: credentials, httpClient: client, options: options)
        let tunnelledAddress = tunnelled.client.address(key: "k", query: [])
        #expect(tunnelledAddress.url == "http://127.0.0.1:5000/k")
        #expect(tunnelledAddress.host == "bucket.localhost:5000")
    }

    @Test func optionsBelowS3LimitsAreRefused() {
        #expect(throws: TuskError.self) {
            try S3ObjectStore(location: S3Location(bucket: "bucket"), credentials: S3Credentials(accessKeyId: "a", secretAccessKey: "b"),
                              httpClient: HTTPClient.shared, options: S3StoreOptions(partSize: 1024))
        }
    }

    @Test func partsGrowWhenTenThousandWouldNotBeEnough() {
        #expect(S3ObjectStore.partSize(objectSize: 12 << 20, preferred: 5 << 20) == 5 << 20)
        let huge = 200_000 * (1 << 20)
        #expect(S3ObjectStore.partSize(objectSize: huge, preferred: 5 << 20) * 10_000 >= huge)
    }
}

@Suite struct S3CredentialsTests {
    static let explicit = S3Credentials(accessKeyId: "EXPLICIT", secretAccessKey: "s1")

    @Test func explicitValuesWinOverTheEnvironment() throws {
        let environment = ["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "s2"]
        #expect(try S3Credentials.resolve(explicit: Self.explicit, profile: nil, environment: environment) == Self.explicit)
        let fromEnvironment = try S3Credentials.resolve(explicit: nil, profile: nil, environment: environment.merging(["AWS_SESSION_TOKEN": "t"]) { $1 })
        #expect(fromEnvironment == S3Credentials(accessKeyId: "ENV", secretAccessKey: "s2", sessionToken: "t"))
    }

    @Test func theEnvironmentWinsOverTheFileWhichUsesTheChosenProfile() throws {
        let directory = try TemporaryDirectory(prefix: "tusk-s3-credentials")
        let file = directory.path + "/credentials"
        try """
            # comment
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = default-secret

            [profile minio]
            aws_access_key_id=MINIOKEY
            aws_secret_access_key=minio-secret
            aws_session_token = minio-token
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let base = ["AWS_SHARED_CREDENTIALS_FILE": file]
        #expect(try S3Credentials.resolve(explicit: nil, profile: nil, environment: base).accessKeyId == "DEFAULTKEY")
        #expect(try S3Credentials.resolve(explicit: nil, profile: nil, environment: base.merging(["AWS_PROFILE": "minio"]) { $1 })
                == S3Credentials(accessKeyId: "MINIOKEY", secretAccessKey: "minio-secret", sessionToken: "minio-token"))
        #expect(try S3Credentials.resolve(explicit: nil, profile: "minio", environment: base.merging(["AWS_PROFILE": "default"]) { $1 }).accessKeyId == "MINIOKEY")
        #expect(try S3Credentials.resolve(explicit: nil, profile: nil, environment: base.merging(["AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "x"]) { $1 }).accessKeyId == "ENV")
        do {
            _ = try S3Credentials.resolve(explicit: nil, profile: "absent", environment: base)
            Issue.record("a missing profile was accepted")
        } catch let error as TuskError {
            #expect(error.message.contains("\"absent\"") && error.message.contains("default, minio"))
        }
        // HOME/.aws/credentials is the default location.
        try FileManager.default.createDirectory(atPath: directory.path + "/.aws", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: directory.path + "/.aws/credentials")
        #expect(try S3Credentials.resolve(explicit: nil, profile: nil, environment: ["HOME": directory.path]).accessKeyId == "DEFAULTKEY")
    }

    @Test func missingCredentialsListTheThreeWays() {
        do {
            _ = try S3Credentials.resolve(explicit: nil, profile: nil, environment: ["HOME": "/nonexistent-home"])
            Issue.record("resolved credentials from nothing")
        } catch let error as TuskError {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("explicitly"))
            #expect(error.message.contains("AWS_ACCESS_KEY_ID") && error.message.contains("AWS_SECRET_ACCESS_KEY"))
            #expect(error.message.contains("/nonexistent-home/.aws/credentials"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func halfOfAnEnvironmentPairIsAnError() {
        #expect(throws: TuskError.self) { try S3Credentials.resolve(explicit: nil, profile: nil, environment: ["AWS_ACCESS_KEY_ID": "A"]) }
    }

    @Test func theSecretIsNotPrinted() {
        #expect(!"\(S3Credentials(accessKeyId: "A", secretAccessKey: "very-secret", sessionToken: "tok"))".contains("very-secret"))
    }
}
