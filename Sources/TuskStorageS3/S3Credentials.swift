import Foundation
import TuskCore

/// The access key that signs requests, and where it came from.
///
/// Resolution follows the order AWS tools use, so an operator's existing setup works: values
/// given explicitly (server flags), then the environment (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), then the shared credentials file
/// (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`, profile `profile=` of the URL, else
/// `AWS_PROFILE`, else `default`). The secret never appears in `description`.
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    /// The token of temporary (STS) credentials, sent as `x-amz-security-token`.
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var description: String {
        "S3Credentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>\(sessionToken == nil ? "" : ", sessionToken: <redacted>"))"
    }

    /// Finds credentials: `explicit` if given, else the environment, else the shared
    /// credentials file. `profile` (from the store URL) overrides `AWS_PROFILE`.
    public static func resolve(explicit: S3Credentials?, profile: String?, environment: [String: String]) throws -> S3Credentials {
        if let explicit { return explicit }
        if let fromEnvironment = try fromEnvironment(environment) { return fromEnvironment }
        let file = sharedCredentialsFilePath(environment)
        let chosenProfile = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let profileWasChosen = profile != nil || environment["AWS_PROFILE"].map { !$0.isEmpty } == true
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            let profiles = S3SharedCredentialsFile.parse(text)
            if let values = profiles[chosenProfile] {
                return try fromProfile(values, profile: chosenProfile, file: file)
            }
            if profileWasChosen {
                let known = profiles.keys.sorted().joined(separator: ", ")
                throw TuskError.invalid("the AWS profile \"\(chosenProfile)\" is not in the shared credentials file \"\(file)\" (profiles there: \(known.isEmpty ? "none" : known)); add it or choose another with profile= or AWS_PROFILE", location: file)
            }
        } else if profileWasChosen {
            throw TuskError.invalid("the AWS profile \"\(chosenProfile)\" was asked for, but the shared credentials file \"\(file)\" cannot be read; create it or set AWS_SHARED_CREDENTIALS_FILE", location: file)
        }
        throw TuskError(.failedPrecondition, """
            no S3 credentials found; give them in one of three ways: \
            (1) explicitly, with the server's S3 access key options; \
            (2) in the environment, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials); \
            (3) in the shared credentials file "\(file)" (or AWS_SHARED_CREDENTIALS_FILE), \
            a [\(chosenProfile)] section with aws_access_key_id and aws_secret_access_key
            """, location: file)
    }

    private static func fromEnvironment(_ environment: [String: String]) throws -> S3Credentials? {
        let key = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (key, secret) {
        case let (key?, secret?):
            return S3Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        case (.some, nil):
            throw TuskError.invalid("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or neither to use the shared credentials file", location: "AWS_SECRET_ACCESS_KEY")
        case (nil, .some):
            throw TuskError.invalid("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both, or neither to use the shared credentials file", location: "AWS_ACCESS_KEY_ID")
        case (nil, nil):
            return nil
        }
    }

    private static func fromProfile(_ values: [String: String], profile: String, file: String) throws -> S3Credentials {
        guard let key = values["aws_access_key_id"], !key.isEmpty else {
            throw TuskError.invalid("profile [\(profile)] of \"\(file)\" has no aws_access_key_id", location: file)
        }
        guard let secret = values["aws_secret_access_key"], !secret.isEmpty else {
            throw TuskError.invalid("profile [\(profile)] of \"\(file)\" has no aws_secret_access_key", location: file)
        }
        return S3Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }

    /// `AWS_SHARED_CREDENTIALS_FILE`, else `$HOME/.aws/credentials`.
    static func sharedCredentialsFilePath(_ environment: [String: String]) -> String {
        if let path = environment["AWS_SHARED_CREDENTIALS_FILE"], !path.isEmpty { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home.hasSuffix("/") ? home : home + "/") + ".aws/credentials"
    }
}
