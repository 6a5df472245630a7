#!/usr/bin/env bash
# A config crossed with documents: the `config` repo holds one small JSON file (glob /, one datum)
# and is crossed with a `documents` repo (glob /*), so every datum is one document plus the config.
# The transform is bash lines given on stdin and uses the variables Pachyderm sets for user code:
# $documents and $config (the datum's paths), $documents_COMMIT and $config_COMMIT (the input
# commits), $PACH_JOB_ID, $PACH_OUTPUT_COMMIT_ID and $PACH_DATUM_ID. Checks every tag against the real
# ids (list commit, list job, list datum) and the datum counts; then updates the config (every
# document is reprocessed) and adds a document (only it is processed, the others keep their tags).
EXAMPLE=config-cross
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

step "generate the config and three documents"
mkdir -p "$WORK/docs"
printf '{"label": "first", "case": "lower"}\n' >"$WORK/config-v1.json"
printf '{"label": "second", "case": "upper"}\n' >"$WORK/config-v2.json"
printf 'alpha beta gamma\ndelta\n' >"$WORK/docs/alpha.txt"
printf 'the quick brown fox\njumps over\nthe lazy dog\n' >"$WORK/docs/fox.txt"
printf 'lorem ipsum dolor sit amet\n' >"$WORK/docs/lorem.txt"
printf 'pachyderm tusk elephant\nversioned data\n' >"$WORK/docs/tusk.txt"

start_tusk

head_id() { # REPO -> id of the head commit of REPO@master, read from list commit --raw (newest first)
  tusk list commit "$1@master" --raw | python3 -c '
import json, sys
commits = [json.loads(line) for line in sys.stdin if line.strip()]
commits.sort(key=lambda c: c.get("started", ""), reverse=True)
print(commits[0]["commit"]["id"])'
}
last_job() { # -> "job-id output-commit-id" of the newest job of tagged
  tusk list job --pipeline tagged --raw | python3 -c '
import json, sys
jobs = [json.loads(line) for line in sys.stdin if line.strip()]
jobs.sort(key=lambda j: j.get("created", ""))
print(jobs[-1]["job"]["id"], jobs[-1]["output_commit"]["id"])'
}
datum_ids() { # JOB-ID -> processed datum ids, sorted
  tusk list datum "tagged@$1" --raw | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        d = json.loads(line)
        if d.get("state", "") in ("SUCCESS", "DATUM_SUCCESS", ""):
            print(d["datum"]["id"])' | sort
}
tag() { # DOCUMENT KEY -> value of KEY in /DOCUMENT.result of tagged@master
  tusk get file "tagged@master:/$1.result" | sed -n "s/^$2=//p"
}
check_result() { # DOCUMENT LABEL FIRST-LINE CONFIG-COMMIT DOCUMENTS-COMMIT JOB
  local doc="$1"
  expect_eq "$(tag "$doc" document)" "$doc" "$doc: document"
  expect_eq "$(tag "$doc" label)" "$2" "$doc: label from the config"
  expect_eq "$(tag "$doc" first_line)" "$3" "$doc: first line (case from the config)"
  expect_eq "$(tag "$doc" words)" "$(wc -w <"$WORK/docs/$doc")" "$doc: words"
  expect_eq "$(tag "$doc" documents_path)" "/pfs/documents/$doc" "$doc: \$documents (the datum's path)"
  expect_eq "$(tag "$doc" config_path)" "/pfs/config" "$doc: \$config (glob / matches the root)"
  expect_eq "$(tag "$doc" config_commit)" "$4" "$doc: \$config_COMMIT"
  expect_eq "$(tag "$doc" documents_commit)" "$5" "$doc: \$documents_COMMIT"
  expect_eq "$(tag "$doc" job)" "$6" "$doc: \$PACH_JOB_ID"
  expect_eq "$(tag "$doc" output_commit)" "$6" "$doc: \$PACH_OUTPUT_COMMIT_ID (the job's output commit)"
}
datum_tags() { # DOCUMENT... -> their datum tags, sorted
  local doc
  for doc in "$@"; do tag "$doc" datum; done | sort
}

step "config repo (one JSON file) and documents repo (three documents)"
tusk create repo config
tusk put file config@master:/config.json -f "$WORK/config-v1.json"
tusk create repo documents
tusk put file documents@master -f "$WORK/docs/alpha.txt" -f "$WORK/docs/fox.txt" -f "$WORK/docs/lorem.txt"
CONFIG1="$(head_id config)"; DOCS1="$(head_id documents)"

step "pipeline tagged: documents (glob /*) crossed with config (glob /)"
render_spec "$EXAMPLE_DIR/tagged.json" | tusk create pipeline -f -
tusk wait commit tagged@master >/dev/null
expect_jobs tagged "3 0 0 3 success"
read -r JOB1 OUT1 <<<"$(last_job)"
expect_eq "$OUT1" "$JOB1" "output commit of the job (2.x: the job id is its output commit id)"
for doc in alpha.txt fox.txt lorem.txt; do
  check_result "$doc" first "$(head -n 1 "$WORK/docs/$doc")" "$CONFIG1" "$DOCS1" "$JOB1"
done
expect_eq "$(datum_tags alpha.txt fox.txt lorem.txt)" "$(datum_ids "$JOB1")" "\$PACH_DATUM_ID of the three results vs list datum"
step "tags of job 1 equal config@$CONFIG1, documents@$DOCS1 and job/output commit $JOB1"

step "update the config: every document is reprocessed with it"
tusk put file config@master:/config.json -f "$WORK/config-v2.json"
tusk wait commit tagged@master >/dev/null
expect_jobs tagged "3 0 0 3 success" "3 0 0 3 success"
CONFIG2="$(head_id config)"
read -r JOB2 OUT2 <<<"$(last_job)"
expect_eq "$OUT2" "$JOB2" "output commit of job 2"
[ "$JOB2" != "$JOB1" ] || fail "job 2 has the id of job 1"
for doc in alpha.txt fox.txt lorem.txt; do
  check_result "$doc" second "$(head -n 1 "$WORK/docs/$doc" | tr 'a-z' 'A-Z')" "$CONFIG2" "$DOCS1" "$JOB2"
done
expect_eq "$(datum_tags alpha.txt fox.txt lorem.txt)" "$(datum_ids "$JOB2")" "\$PACH_DATUM_ID of job 2 vs list datum"

step "add a document: only it is processed; the others keep the tags of job 2"
tusk put file documents@master -f "$WORK/docs/tusk.txt"
tusk wait commit tagged@master >/dev/null
expect_jobs tagged "3 0 0 3 success" "3 0 0 3 success" "1 3 0 4 success"
DOCS2="$(head_id documents)"
read -r JOB3 OUT3 <<<"$(last_job)"
check_result tusk.txt second "$(head -n 1 "$WORK/docs/tusk.txt" | tr 'a-z' 'A-Z')" "$CONFIG2" "$DOCS2" "$JOB3"
for doc in alpha.txt fox.txt lorem.txt; do
  check_result "$doc" second "$(head -n 1 "$WORK/docs/$doc" | tr 'a-z' 'A-Z')" "$CONFIG2" "$DOCS1" "$JOB2"
done
expect_eq "$(tusk list file tagged@master --raw | grep -c '"file"' || true)" 4 "results in tagged@master"

step "config-cross OK"
