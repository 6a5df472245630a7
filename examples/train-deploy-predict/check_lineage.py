"""Walks the provenance of every predict commit with the official client (pachyderm_sdk).

    check_lineage.py TRAINING_HEAD INFERENCE_HEAD

For each commit of predict@master that has outputs: its direct provenance must name one train
commit (the model) and one inference commit; the train commit's provenance must name one
training commit; every prediction file in it must carry exactly that model commit and that
training commit, and the model's meta.json must name the same training commit. The newest
predict commit must come from TRAINING_HEAD and INFERENCE_HEAD, and the commit set of
TRAINING_HEAD must hold the commits it caused in train, predict and serve.
"""
import json
import os
import sys

from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs

training_head, inference_head = sys.argv[1:3]
host, _, port = os.environ["PACHD_ADDRESS"].rpartition(":")
client = Client(host=host or "localhost", port=int(port))
problems = []


def read(repo, commit_id, path):
    commit = pfs.Commit(repo=pfs.Repo(name=repo, type="user"), id=commit_id)
    with client.pfs.pfs_file(file=pfs.File(commit=commit, path=path)) as f:
        return f.read()


def provenance(repo, commit_id):
    info = client.pfs.inspect_commit(commit=pfs.Commit(repo=pfs.Repo(name=repo, type="user"), id=commit_id))
    by_repo = {}
    for commit in info.direct_provenance:
        by_repo.setdefault(commit.repo.name, []).append(commit.id)
    return by_repo


predict_commits = list(client.pfs.list_commit(repo=pfs.Repo(name="predict", type="user")))
checked = 0
newest = None
for info in predict_commits:
    commit_id = info.commit.id
    files = [f.file.path for f in client.pfs.list_file(file=pfs.File(commit=info.commit, path="/"))]
    if not files:
        continue  # the empty commit made when the pipeline was created
    prov = provenance("predict", commit_id)
    if len(prov.get("train", [])) != 1 or len(prov.get("inference", [])) != 1:
        problems.append(f"predict@{commit_id}: direct provenance {prov}, expected one train and one inference commit")
        continue
    model_commit, inference_commit = prov["train"][0], prov["inference"][0]
    training = provenance("train", model_commit).get("training", [])
    if len(training) != 1:
        problems.append(f"train@{model_commit}: provenance names training commits {training}, expected one")
        continue
    training_commit = training[0]
    meta = json.loads(read("train", model_commit, "/meta.json"))
    if meta.get("training_commit") != training_commit:
        problems.append(f"train@{model_commit}:/meta.json names training commit {meta.get('training_commit')}, provenance says {training_commit}")
    for path in files:
        result = json.loads(read("predict", commit_id, path))
        if (result.get("model_commit"), result.get("training_commit")) != (model_commit, training_commit):
            problems.append(f"predict@{commit_id}:{path} says model {result.get('model_commit')} / training {result.get('training_commit')}, provenance says {model_commit} / {training_commit}")
        checked += 1
    if newest is None or info.started.timestamp() > newest[0]:
        newest = (info.started.timestamp(), commit_id, training_commit, inference_commit)
    print(f"check_lineage: predict@{commit_id}: {len(files)} predictions <- train@{model_commit} <- training@{training_commit} (inference@{inference_commit})")

if newest is None:
    problems.append("no predict commit with outputs")
elif (newest[2], newest[3]) != (training_head, inference_head):
    problems.append(f"newest predict commit {newest[1]} comes from training@{newest[2]} and inference@{newest[3]}, expected the heads training@{training_head} and inference@{inference_head}")

repos_in_set = sorted({info.commit.repo.name for info in client.pfs.inspect_commit_set(commit_set=pfs.CommitSet(id=training_head))})
for repo in ("training", "train", "predict", "serve"):
    if repo not in repos_in_set:
        problems.append(f"commit set {training_head} holds commits in {repos_in_set}; {repo} is missing")

for line in problems:
    print(f"check_lineage: {line}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"check_lineage: {checked} predictions trace back to their model and training commits; commit set {training_head} = {repos_in_set}")
