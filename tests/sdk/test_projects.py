"""Projects: create with a description, inspect, list, delete, `project_exists`."""

import grpc
from pachyderm_sdk.api import pfs

from pfs_helpers import expect_code, expect_rpc_error


def test_create_project_with_description_is_inspectable(client, project_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project, description="images for the demo")
    info = client.pfs.inspect_project(project=project)
    assert info.project.name == project_name
    assert info.description == "images for the demo"


def test_create_project_with_update_changes_the_description(client, project_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project, description="first")
    client.pfs.create_project(project=project, description="second", update=True)
    assert client.pfs.inspect_project(project=project).description == "second"


def test_list_project_includes_default_and_new_project(client, project_name):
    client.pfs.create_project(project=pfs.Project(name=project_name))
    names = [info.project.name for info in client.pfs.list_project()]
    assert "default" in names
    assert project_name in names


def test_project_exists_is_true_for_existing_and_false_for_unknown(client, project_name):
    assert client.pfs.project_exists(pfs.Project(name="default")) is True
    assert client.pfs.project_exists(pfs.Project(name=project_name)) is False
    client.pfs.create_project(project=pfs.Project(name=project_name))
    assert client.pfs.project_exists(pfs.Project(name=project_name)) is True


def test_inspect_unknown_project_is_not_found(client, project_name):
    expect_code(
        lambda: client.pfs.inspect_project(project=pfs.Project(name=project_name)),
        grpc.StatusCode.NOT_FOUND,
    )


def test_create_project_twice_is_already_exists(client, project_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project)
    expect_code(lambda: client.pfs.create_project(project=project), grpc.StatusCode.ALREADY_EXISTS)


def test_delete_project_removes_it(client, project_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project)
    client.pfs.delete_project(project=project)
    assert client.pfs.project_exists(project) is False
    assert project_name not in [info.project.name for info in client.pfs.list_project()]


def test_delete_project_with_a_repo_is_refused_until_the_repo_is_gone(client, project_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project)
    repo = pfs.Repo(name="inside", type="user", project=project)
    client.pfs.create_repo(repo=repo)
    expect_rpc_error(lambda: client.pfs.delete_project(project=project))
    assert client.pfs.project_exists(project) is True
    client.pfs.delete_repo(repo=repo)
    client.pfs.delete_project(project=project)
    assert client.pfs.project_exists(project) is False


def test_repos_are_scoped_to_their_project(client, project_name, repo_name):
    project = pfs.Project(name=project_name)
    client.pfs.create_project(project=project)
    inside = pfs.Repo(name=repo_name, type="user", project=project)
    client.pfs.create_repo(repo=inside)
    listed = list(client.pfs.list_repo(projects=[project]))
    assert [(info.repo.name, info.repo.project.name) for info in listed] == [
        (repo_name, project_name)
    ]
    same_name_in_default = pfs.Repo(name=repo_name, project=pfs.Project(name="default"))
    assert client.pfs.repo_exists(same_name_in_default) is False
    client.pfs.delete_repo(repo=inside)
    client.pfs.delete_project(project=project)
