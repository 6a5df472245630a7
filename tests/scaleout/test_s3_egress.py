"""Pipeline egress to an `s3://` URL: after each successful job, every file of the output commit
is written to the bucket under the URL's prefix, through the same S3 client as the object store
(checked with boto3 against the session's S3 server)."""

from __future__ import annotations

import json
import uuid

import boto3

from cli_support import TuskCommandLine
from scaleout_support import S3_CREDENTIALS
from tusk_harness import TuskServer, tusk_binary


def test_egress_to_s3_writes_every_output_file_under_the_prefix(scaleout_services, tmp_path):
    server = TuskServer(
        data_dir=tmp_path / "data", log_dir=tmp_path / "logs", binary=tusk_binary(), environment=S3_CREDENTIALS
    )
    server.start()
    try:
        home, work = tmp_path / "home", tmp_path / "work"
        home.mkdir()
        work.mkdir()
        cli = TuskCommandLine(server.binary, server.address, home, work)
        endpoint = scaleout_services.s3_endpoint
        bucket = "tusk-egress-" + uuid.uuid4().hex[:8]
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
                          aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
        s3.create_bucket(Bucket=bucket)

        cli.ok("create", "repo", "words")
        (work / "a.txt").write_text("alpha\n")
        (work / "b.txt").write_text("beta\n")
        cli.ok("put", "file", "words@master:/a.txt", "-f", str(work / "a.txt"))
        cli.ok("put", "file", "words@master:/nested/b.txt", "-f", str(work / "b.txt"))
        spec = {
            "pipeline": {"name": "shout"},
            "transform": {"cmd": ["sh", "-c", "cd /pfs/words && find . -type f | while read f; do mkdir -p /pfs/out/$(dirname $f); tr a-z A-Z < $f > /pfs/out/$f; done"]},
            "input": {"pfs": {"repo": "words", "glob": "/"}},
            "egress": {"URL": f"s3://{bucket}/exports/shout?endpoint={endpoint}&region=us-east-1"},
        }
        (work / "shout.json").write_text(json.dumps(spec))
        cli.ok("create", "pipeline", "-f", str(work / "shout.json"))
        cli.ok("wait", "commit", "shout@master", timeout=120)

        listed = s3.list_objects_v2(Bucket=bucket, Prefix="exports/")
        keys = sorted(item["Key"] for item in listed.get("Contents", []))
        assert keys == ["exports/shout/a.txt", "exports/shout/nested/b.txt"], listed
        body = s3.get_object(Bucket=bucket, Key="exports/shout/nested/b.txt")["Body"].read()
        assert body == b"BETA\n"
    finally:
        server.stop()
