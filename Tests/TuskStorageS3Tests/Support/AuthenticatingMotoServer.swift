import Foundation
import TuskCore
import TuskStorageS3

/// A moto server of its own that checks SigV4 signatures (moto's IAM authentication, which
/// recomputes each signature with botocore), with an IAM user allowed `s3:*`.
///
/// The shared test server accepts any signature; this one shows that real requests signed by
/// `S3Signer` verify, and that a wrong secret is refused. moto rebuilds the canonical request
/// from the decoded URL, so it checks reliably only keys and query values without reserved
/// characters; the encoding of those is covered by AWS's examples in `S3SignerTests`.
final class AuthenticatingMotoServer: Sendable {
    let port: Int
    let credentials: S3Credentials
    private let helper: PythonTestProcess

    private static let script = #"""
        import json, os, sys, threading
        os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        from moto.server import ThreadedMotoServer
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        port = server.get_host_and_port()[1]
        import boto3
        iam = boto3.client("iam", endpoint_url="http://127.0.0.1:%d" % port, region_name="us-east-1",
                           aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
        iam.create_user(UserName="tusk")
        iam.put_user_policy(UserName="tusk", PolicyName="s3", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName="tusk")["AccessKey"]
        print(port, key["AccessKeyId"], key["SecretAccessKey"], flush=True)
        threading.Event().wait()
        """#

    init() throws {
        let helper = try PythonTestProcess(
            script: Self.script, quiet: true,
            exitedEarly: TuskError(.failedPrecondition, "the authenticating moto server exited before it was ready; it needs `pip install 'moto[server]'` (with boto3)"))
        let fields = helper.announcement.split(separator: " ")
        guard fields.count == 3, let port = Int(fields[0]) else {
            helper.stop()
            throw TuskError.internal("the authenticating moto server printed \(helper.announcement)")
        }
        self.port = port
        self.credentials = S3Credentials(accessKeyId: String(fields[1]), secretAccessKey: String(fields[2]))
        self.helper = helper
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    func stop() {
        helper.stop()
    }
}
