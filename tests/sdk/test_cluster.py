"""Cluster identity and version: the handshake every client performs first."""

from pachyderm_sdk.api.version import Version


def test_inspect_cluster_reports_a_stable_identity_and_accepts_warnings(client):
    first = client.admin.inspect_cluster()
    second = client.admin.inspect_cluster()
    assert first.id, "ClusterInfo.id should name the cluster"
    assert first.deployment_id, "ClusterInfo.deployment_id should be set (pachctl remembers it)"
    assert first.deployment_id == second.deployment_id
    assert first.id == second.id
    assert first.warnings_ok is True


def test_get_version_reports_a_2x_version(client):
    version = client.get_version()
    assert isinstance(version, Version)
    assert version.major == 2, f"clients expect a 2.x server, got {version.to_dict()}"
    assert version.minor >= 0
