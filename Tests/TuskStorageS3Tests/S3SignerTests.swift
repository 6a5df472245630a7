import Foundation
import Testing
@testable import TuskStorageS3

/// AWS's published SigV4 examples for S3 ("Signature Calculations for the Authorization
/// Header", Amazon S3 API reference): bucket examplebucket in us-east-1, 24 May 2013.
@Suite struct S3SignerTests {
    static let credentials = S3Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let signer = S3Signer(credentials: credentials, region: "us-east-1")
    static let may24 = Date(timeIntervalSince1970: 1_369_353_600)
    static let host = ("host", "examplebucket.s3.amazonaws.com")

    @Test func getObjectExample() {
        let signed = Self.signer.sign(
            S3Signer.Request(method: "GET", encodedPath: "/test.txt", headers: [Self.host, ("Range", "bytes=0-9")], payloadSHA256: S3Signer.emptyPayloadSHA256),
            at: Self.may24)
        #expect(signed.canonicalRequest == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(signed.stringToSign == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(signed.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        #expect(signed.headers.contains { $0 == ("x-amz-date", "20130524T000000Z") })
        #expect(signed.headers.contains { $0 == ("x-amz-content-sha256", S3Signer.emptyPayloadSHA256) })
        #expect(signed.headers.contains { $0.name == "Authorization" && $0.value == signed.authorization })
    }

    @Test func putObjectExampleSignsTheRealPayloadHashAndEncodesTheKey() {
        let body = Data("Welcome to Amazon S3.".utf8)
        let hash = S3Signer.sha256Hex(body)
        #expect(hash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let signed = Self.signer.sign(
            S3Signer.Request(
                method: "PUT", encodedPath: "/" + S3URIEncoding.encodePath("test$file.text"),
                headers: [Self.host, ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
                payloadSHA256: hash),
            at: Self.may24)
        #expect(signed.canonicalRequest.hasPrefix("PUT\n/test%24file.text\n\n"))
        #expect(signed.stringToSign.hasSuffix("\n9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d"))
        #expect(signed.authorization == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    @Test func getBucketLifecycleExampleHasAValuelessQueryParameter() {
        let signed = Self.signer.sign(
            S3Signer.Request(method: "GET", encodedPath: "/", query: [("lifecycle", "")], headers: [Self.host], payloadSHA256: S3Signer.emptyPayloadSHA256),
            at: Self.may24)
        #expect(signed.canonicalRequest.hasPrefix("GET\n/\nlifecycle=\n"))
        #expect(signed.stringToSign.hasSuffix("\n9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca"))
        #expect(signed.signature == "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    @Test func listObjectsExampleSortsTheQuery() {
        let signed = Self.signer.sign(
            S3Signer.Request(method: "GET", encodedPath: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: [Self.host], payloadSHA256: S3Signer.emptyPayloadSHA256),
            at: Self.may24)
        #expect(signed.canonicalRequest.hasPrefix("GET\n/\nmax-keys=2&prefix=J\n"))
        #expect(signed.signature == "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    @Test func signingKeyOfTheExampleDay() {
        let key = Self.signer.signingKey(day: "20130524").withUnsafeBytes { S3Signer.hex($0) }
        #expect(key == "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378")
    }

    @Test func temporaryCredentialsSignTheSessionToken() {
        let signer = S3Signer(credentials: S3Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "secret", sessionToken: "token/with+chars"), region: "eu-west-1")
        let signed = signer.sign(
            S3Signer.Request(method: "GET", encodedPath: "/k", headers: [Self.host], payloadSHA256: S3Signer.emptyPayloadSHA256),
            at: Self.may24)
        #expect(signed.headers.contains { $0 == ("x-amz-security-token", "token/with+chars") })
        #expect(signed.authorization.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"))
        #expect(signed.authorization.contains("/20130524/eu-west-1/s3/aws4_request"))
    }

    @Test func headerValuesAreTrimmedAndRepeatedNamesJoined() {
        let (block, names) = S3Signer.canonicalHeaders([("X-Amz-Meta-A", "  one   two "), ("x-amz-meta-a", "three"), ("Host", "h")])
        #expect(block == "host:h\nx-amz-meta-a:one two,three\n")
        #expect(names == "host;x-amz-meta-a")
    }

    @Test func timestampsAreUTC() {
        #expect(S3Signer.timestamps(Date(timeIntervalSince1970: 951_782_400 + 3661)) == ("20000229T010101Z", "20000229"))
    }
}

@Suite struct S3URIEncodingTests {
    @Test func pathsKeepSlashesAndEncodeEverythingElseOnce() {
        #expect(S3URIEncoding.encodePath("chunks/ab/abc-1.2_3~") == "chunks/ab/abc-1.2_3~")
        #expect(S3URIEncoding.encodePath("a b/c+d=e$f%g") == "a%20b/c%2Bd%3De%24f%25g")
        #expect(S3URIEncoding.encodePath("ключ/é") == "%D0%BA%D0%BB%D1%8E%D1%87/%C3%A9")
    }

    @Test func queryComponentsEncodeSlashesAndSortByName() {
        #expect(S3URIEncoding.encodeQueryComponent("a/b c") == "a%2Fb%20c")
        #expect(S3URIEncoding.canonicalQuery([("uploadId", "x/y+z=="), ("partNumber", "2")]) == "partNumber=2&uploadId=x%2Fy%2Bz%3D%3D")
        #expect(S3URIEncoding.canonicalQuery([("uploads", "")]) == "uploads=")
        #expect(S3URIEncoding.canonicalQuery([]) == "")
    }
}
