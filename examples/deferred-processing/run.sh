#!/usr/bin/env bash
# Deferred processing (Pachyderm's "Deferred Processing of Data" / "Defer Processing via Staging
# Branch"): a pipeline reads data@master while data is committed to data@staging, which starts no
# job. Moving master (`create branch data@master --head staging^2`, then `--head staging`, then back
# to `staging^1`) starts exactly one job per move, each on the commit master points at; an ad-hoc
# master commit (`start commit`, `copy file` from staging, `put file`, `finish commit`) starts one
# more. Checks the jobs and their datum counts, the branch heads, the output of every job, and the
# provenance of every output commit (the data commit it was computed from).
EXAMPLE=deferred-processing
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

start_tusk

head_of() { # REPO@BRANCH -> the head commit id
  tusk inspect branch "$1" --raw | python3 -c 'import json,sys; print(json.load(sys.stdin)["head"]["id"])'
}
commit_at() { # REPO@REF -> the id of the commit REF resolves to (branch, id, or ancestry like staging^2)
  tusk inspect commit "$1" --raw | python3 -c 'import json,sys; print(json.load(sys.stdin)["commit"]["id"])'
}
process_provenance() { # the data commit the head of process@master was computed from
  tusk inspect commit process@master --raw | python3 -c '
import json, sys
info = json.load(sys.stdin)
ids = [c["id"] for c in info.get("direct_provenance", []) if c.get("repo", {}).get("name") == "data"]
print(" ".join(ids))'
}
output_of_process() { # "name content" lines of process@master
  tusk list file process@master --raw | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line)["file"]["path"])' | while read -r path; do
    printf '%s %s\n' "$path" "$(tusk get file "process@master:$path")"
  done
}
expect_output() { # "path CONTENT"... (sorted)
  expect_eq "$(output_of_process)" "$(printf '%s\n' "$@")" "files of process@master"
}
job_count() { tusk list job --pipeline process --raw | grep -c '"job"' || true; }

step "data repo with a master branch; the pipeline process reads data@master"
tusk create repo data
tusk create branch data@master
render_spec "$EXAMPLE_DIR/process.json" | tusk create pipeline -f -
tusk wait commit process@master >/dev/null
expect_jobs process "0 0 0 0 success"
EMPTY_MASTER="$(head_of data@master)"

step "four commits to data@staging (a, b, c, d): still one job, master unmoved"
for name in a b c d; do
  echo "file $name" | tusk put file "data@staging:/$name.txt"
done
expect_eq "$(tusk list commit data@staging --raw | grep -c '"commit"' || true)" 4 "commits on data@staging"
expect_eq "$(job_count)" 1 "jobs of process after committing to staging only"
expect_eq "$(head_of data@master)" "$EMPTY_MASTER" "head of data@master after committing to staging only"
C1="$(commit_at 'data@staging^3')"; C2="$(commit_at 'data@staging^2')"
C3="$(commit_at 'data@staging^1')"; C4="$(commit_at data@staging)"

step "create branch data@master --head staging^2: one job, on the second staging commit (a, b)"
tusk create branch data@master --head 'staging^2'
expect_eq "$(head_of data@master)" "$C2" "head of data@master (the commit staging^2 named)"
tusk wait commit process@master >/dev/null
expect_jobs process "0 0 0 0 success" "2 0 0 2 success"
expect_eq "$(process_provenance)" "$C2" "data commit in the provenance of process@master"
expect_output "/a.txt FILE A" "/b.txt FILE B"

step "create branch data@master --head staging: one job on the staging head; a and b are skipped"
tusk create branch data@master --head staging
expect_eq "$(head_of data@master)" "$C4" "head of data@master (= head of staging)"
tusk wait commit process@master >/dev/null
expect_jobs process "0 0 0 0 success" "2 0 0 2 success" "2 2 0 4 success"
expect_eq "$(process_provenance)" "$C4" "data commit in the provenance of process@master"
expect_output "/a.txt FILE A" "/b.txt FILE B" "/c.txt FILE C" "/d.txt FILE D"

step "roll back: create branch data@master --head staging^1: one job on the third commit, all datums skipped, d's output gone"
tusk create branch data@master --head 'staging^1'
expect_eq "$(head_of data@master)" "$C3" "head of data@master after the roll back"
tusk wait commit process@master >/dev/null
expect_jobs process "0 0 0 0 success" "2 0 0 2 success" "2 2 0 4 success" "0 3 0 3 success"
expect_eq "$(process_provenance)" "$C3" "data commit in the provenance of process@master"
expect_output "/a.txt FILE A" "/b.txt FILE B" "/c.txt FILE C"

step "ad-hoc master commit: start commit, copy d from staging, put e, finish commit: one job"
tusk start commit data@master >/dev/null
tusk copy file data@staging:/d.txt data@master:/d.txt
echo "file e" | tusk put file data@master:/e.txt
expect_eq "$(job_count)" 5 "jobs of process while the master commit is open (its job waits for it)"
tusk finish commit data@master
C5="$(head_of data@master)"
expect_eq "$(tusk inspect commit data@master --raw | python3 -c 'import json,sys; print(json.load(sys.stdin)["parent_commit"]["id"])')" "$C3" "parent of the ad-hoc master commit"
tusk wait commit data@master >/dev/null
tusk wait commit process@master >/dev/null
# The parent job (the roll back) had a, b, c: those are skipped; d and e are processed.
expect_jobs process "0 0 0 0 success" "2 0 0 2 success" "2 2 0 4 success" "0 3 0 3 success" "2 3 0 5 success"
expect_eq "$(process_provenance)" "$C5" "data commit in the provenance of process@master"
expect_output "/a.txt FILE A" "/b.txt FILE B" "/c.txt FILE C" "/d.txt FILE D" "/e.txt FILE E"
expect_eq "$(head_of data@staging)" "$C4" "head of data@staging (untouched by the master commits)"
expect_eq "$(tusk list file data@staging --raw | grep -c '"file"' || true)" 4 "files on data@staging"

step "C1 (staging^3) was never the head of master: no output commit has it as provenance"
for commit in $(tusk list commit process@master --raw | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line)["commit"]["id"])'); do
  prov="$(tusk inspect commit "process@$commit" --raw | python3 -c '
import json, sys
print(" ".join(c["id"] for c in json.load(sys.stdin).get("direct_provenance", [])))')"
  case " $prov " in *" $C1 "*) fail "output commit $commit has staging^3 ($C1) as provenance" ;; esac
done

step "deferred-processing OK"
