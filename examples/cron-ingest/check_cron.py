"""Checks a cron pipeline's tick repo, jobs and output with the official client (pachyderm_sdk).

    check_cron.py history PIPELINE accumulate|overwrite MIN_TICKS
        The tick repo <PIPELINE>_tick: without overwrite every commit holds all ticks so far
        (one more file per commit); with overwrite each commit holds only its own tick. Each
        tick commit caused exactly one job (found through the provenance of the job's output
        commit); a job over k tick files processed 1 datum and skipped k-1 (overwrite: 1 and 0);
        the empty first commit (made when the pipeline was created) has a job of 0 datums. The
        output of the newest job holds one reading file per tick of its input, with the right
        reading. The newest tick may have no job, or an unfinished one, only if stopping the
        pipeline raced with it (said so on stdout). There must be at least MIN_TICKS ticks.
    check_cron.py tick-names PIPELINE [EVERY_SECONDS]
        Every tick file is named by an RFC 3339 time in whole seconds, as Pachyderm's cron
        writes them (Go's time.RFC3339: 2006-01-02T15:04:05Z). With EVERY_SECONDS (the n of
        "@every ns"), consecutive ticks must be exactly that far apart: Pachyderm computes each
        tick from the previous one, not from the moment the previous commit was made.
"""
import os
import re
import sys
from datetime import datetime

from pachyderm_sdk import Client
from pachyderm_sdk.api import pfs, pps

sys.dont_write_bytecode = True  # importing sensor.py must leave no __pycache__ in the example
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sensor import reading_line  # noqa: E402

host, _, port = os.environ["PACHD_ADDRESS"].rpartition(":")
client = Client(host=host or "localhost", port=int(port))
problems = []


def repo(name):
    return pfs.Repo(name=name, type="user")


def tick_commits(pipeline):
    """The commits of the tick repo, oldest first, each with the tick names it holds."""
    infos = sorted(client.pfs.list_commit(repo=repo(f"{pipeline}_tick")), key=lambda i: i.started.timestamp())
    return [(info.commit.id, sorted(f.file.path.lstrip("/") for f in client.pfs.list_file(file=pfs.File(commit=info.commit, path="/"))))
            for info in infos]


def read(repo_name, commit_id, path):
    with client.pfs.pfs_file(file=pfs.File(commit=pfs.Commit(repo=repo(repo_name), id=commit_id), path=path)) as f:
        return f.read().decode()


def check_history(pipeline, mode, min_ticks):
    ticks = tick_commits(pipeline)
    previous = None
    for index, (commit_id, names) in enumerate(ticks):
        if not names:
            if index != 0:
                problems.append(f"{pipeline}_tick@{commit_id} (commit {index + 1}) is empty; only the first commit may be")
            continue
        if mode == "accumulate":
            expected_before = previous or []
            added = sorted(set(names) - set(expected_before))
            if not set(expected_before) <= set(names) or len(added) != 1:
                problems.append(f"{pipeline}_tick@{commit_id}: holds {names}; expected the {len(expected_before)} earlier ticks plus one new")
        else:
            if len(names) != 1 or (previous is not None and names == previous):
                problems.append(f"{pipeline}_tick@{commit_id}: holds {names}; with overwrite it must hold just its own new tick")
        previous = names
    nonempty = [t for t in ticks if t[1]]
    if len(nonempty) < min_ticks:
        problems.append(f"{pipeline}_tick has {len(nonempty)} ticks; expected at least {min_ticks}")

    jobs_by_tick = {}
    for job in client.pps.list_job(pipeline=pps.Pipeline(name=pipeline)):
        info = client.pfs.inspect_commit(commit=pfs.Commit(repo=repo(pipeline), id=job.output_commit.id))
        sources = [c.id for c in info.direct_provenance if c.repo.name == f"{pipeline}_tick"]
        if len(sources) != 1:
            problems.append(f"job {job.job.id}: its output commit's provenance names tick commits {sources}, expected one")
            continue
        jobs_by_tick.setdefault(sources[0], []).append(job)

    newest_done = None
    for index, (commit_id, names) in enumerate(ticks):
        jobs = jobs_by_tick.get(commit_id, [])
        newest = index == len(ticks) - 1
        if len(jobs) != 1:
            if newest and not jobs:
                print(f"check_cron: {pipeline}: the newest tick {names[-1:]} has no job (it came as the pipeline was stopped)")
                continue
            problems.append(f"{pipeline}_tick@{commit_id} caused {len(jobs)} jobs, expected exactly 1")
            continue
        job = jobs[0]
        k = len(names)
        want = (0, 0, 0, 0) if k == 0 else ((1, k - 1, 0, k) if mode == "accumulate" else (1, 0, 0, 1))
        got = (job.data_processed, job.data_skipped, job.data_failed, job.data_total)
        state = pps.JobState(job.state).name
        print(f"check_cron: {pipeline} job {job.job.id}: {k} tick files -> processed {got[0]} skipped {got[1]} failed {got[2]} total {got[3]} {state}")
        if state != "JOB_SUCCESS":
            if newest:
                print(f"check_cron: {pipeline}: the newest job ended {state} (it ran as the pipeline was stopped)")
                continue
            problems.append(f"{pipeline} job {job.job.id} ended {state}, expected JOB_SUCCESS")
            continue
        if got != want:
            problems.append(f"{pipeline} job {job.job.id} over {k} tick files: (processed, skipped, failed, total) = {got}, expected {want}")
        newest_done = (job.output_commit.id, names)

    if newest_done is None:
        problems.append(f"{pipeline}: no successful job to check the output of")
        return
    commit_id, names = newest_done
    files = sorted(f.file.path for f in client.pfs.list_file(file=pfs.File(commit=pfs.Commit(repo=repo(pipeline), id=commit_id), path="/")))
    wanted = sorted(f"/{name}.csv" for name in names)
    if files != wanted:
        problems.append(f"{pipeline}@{commit_id} holds {files}; expected one reading per tick: {wanted}")
        return
    for name in names:
        content = read(pipeline, commit_id, f"/{name}.csv")
        if content != reading_line(name):
            problems.append(f"{pipeline}@{commit_id}:/{name}.csv is {content!r}, expected {reading_line(name)!r}")
    print(f"check_cron: {pipeline}@{commit_id}: {len(names)} readings, one per tick of its input")


def check_tick_names(pipeline, every):
    pattern = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
    names = sorted({name for _, commit_names in tick_commits(pipeline) for name in commit_names})
    if not names:
        problems.append(f"{pipeline}_tick holds no ticks")
        return
    bad = [name for name in names if not pattern.match(name)]
    if bad:
        problems.append(f"{pipeline}_tick: tick files {bad} are not named like Pachyderm's (RFC 3339 in whole seconds, e.g. 2024-07-16T12:00:02Z)")
        return
    print(f"check_cron: {pipeline}_tick: {len(names)} tick names in RFC 3339 whole seconds")
    if every:
        times = [datetime.fromisoformat(name.replace("Z", "+00:00")).timestamp() for name in names]
        steps = sorted({round(b - a, 3) for a, b in zip(times, times[1:])})
        if steps != [float(every)]:
            problems.append(f"{pipeline}_tick: ticks are {steps} s apart; \"@every {every}s\" puts them exactly {every} s apart")
        else:
            print(f"check_cron: {pipeline}_tick: consecutive ticks exactly {every} s apart")


if __name__ == "__main__":
    if sys.argv[1] == "history":
        check_history(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif sys.argv[1] == "tick-names":
        check_tick_names(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    else:
        sys.exit(f"unknown check {sys.argv[1]}")
    for line in problems:
        print(f"check_cron: {line}", file=sys.stderr)
    sys.exit(1 if problems else 0)
