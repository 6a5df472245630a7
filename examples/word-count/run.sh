#!/usr/bin/env bash
# Word count, map/reduce style (Pachyderm's word_count example, 2.x layout): a `documents` repo of
# generated text files; `map` (glob /*, one datum per document) writes /<word>/<document> with that
# document's count; `reduce` (glob /, one datum) sums them into /<word>. Checks every total against
# Python's own count, the per-document files of map, the datum counts of every job, then adds a
# document (map processes only it, skips the rest) and rewrites one (its stale words disappear), and
# finally shows that the Pachyderm 1.x pattern (every datum appending to /<word>) fails the job, as
# Pachyderm 2's single-datum-provenance rule requires.
EXAMPLE=word-count
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

DOCS="$WORK/docs"

# Python's own count, written independently of map.py: every non-letter is a separator.
python_counts() { # FILE... -> "word count" lines, sorted
  python3 - "$@" <<'PY'
import collections, sys
counts = collections.Counter()
for name in sys.argv[1:]:
    text = open(name).read().lower()
    counts.update("".join(c if "a" <= c <= "z" else " " for c in text).split())
for word in sorted(counts):
    print(word, counts[word])
PY
}

# reduce@master as "word count" lines, sorted.
reduce_counts() {
  rm -rf "$WORK/reduce-out"
  tusk get file -r reduce@master:/ -o "$WORK/reduce-out" >/dev/null || fail "could not download reduce@master"
  (cd "$WORK/reduce-out" && shopt -s nullglob && for f in *; do printf '%s %s\n' "$f" "$(cat "$f")"; done) | sort
}

# map@master as "word document count" lines, sorted, and the same computed from local files.
map_triples() {
  rm -rf "$WORK/map-out"
  tusk get file -r map@master:/ -o "$WORK/map-out" >/dev/null || fail "could not download map@master"
  (cd "$WORK/map-out" && shopt -s nullglob && for f in */*; do printf '%s %s %s\n' "${f%%/*}" "${f#*/}" "$(cat "$f")"; done) | sort
}
local_triples() { # FILE...
  local f
  for f in "$@"; do python_counts "$f" | sed "s#^\([a-z]*\) #\1 $(basename "$f") #"; done | sort
}

check_counts() { # WHAT FILE...
  local what="$1"; shift
  local expected actual
  expected="$(python_counts "$@")"
  actual="$(reduce_counts)"
  [ "$actual" = "$expected" ] || fail "$what: reduce@master differs from Python's count:
$(diff <(echo "$expected") <(echo "$actual") | head -20)"
  expected="$(local_triples "$@")"
  actual="$(map_triples)"
  [ "$actual" = "$expected" ] || fail "$what: map@master (word document count) differs:
$(diff <(echo "$expected") <(echo "$actual") | head -20)"
  step "$what: $(echo "$expected" | wc -l) (word, document) counts and $(python_counts "$@" | wc -l) word totals match Python"
}

step "generate five documents (fixed seed) and a rewritten doc1"
python3 "$EXAMPLE_DIR/gen_docs.py" "$DOCS" doc1.txt doc2.txt doc3.txt doc4.txt doc5.txt
python3 "$EXAMPLE_DIR/gen_docs.py" "$WORK/rewrite" doc1.txt --seed 99 --words 60

start_tusk

step "documents repo with four documents, in one commit"
tusk create repo documents
tusk put file documents@master -f "$DOCS/doc1.txt" -f "$DOCS/doc2.txt" -f "$DOCS/doc3.txt" -f "$DOCS/doc4.txt"
expect_eq "$(tusk list commit documents@master --raw | grep -c '"id"' || true)" 1 "commits on documents@master after one put file"

step "map and reduce pipelines"
render_spec "$EXAMPLE_DIR/map.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/reduce.json" | tusk create pipeline -f -
tusk wait commit reduce@master >/dev/null
expect_jobs map "4 0 0 4 success"
expect_jobs reduce "1 0 0 1 success"
check_counts "four documents" "$DOCS"/doc{1,2,3,4}.txt

step "map's merged output: one count line per document under /<word>/"
word="$(python_counts "$DOCS"/doc{1,2,3,4}.txt | awk 'length($1) > 2' | sort -k2,2nr | head -1 | cut -d' ' -f1)"
lines="$(tusk get file "map@master:/$word/*")"
docs_with_word="$(local_triples "$DOCS"/doc{1,2,3,4}.txt | awk -v w="$word" '$1 == w' | wc -l)"
expect_eq "$(echo "$lines" | wc -l)" "$docs_with_word" "lines of map@master:/$word/*"
expect_eq "$(echo "$lines" | awk '{s += $1} END {print s}')" "$(tusk get file "reduce@master:/$word")" "sum of map@master:/$word/* vs reduce@master:/$word"

step "add doc5: map processes only the new document"
tusk put file documents@master -f "$DOCS/doc5.txt"
tusk wait commit reduce@master >/dev/null
expect_jobs map "4 0 0 4 success" "1 4 0 5 success"
expect_jobs reduce "1 0 0 1 success" "1 0 0 1 success"
check_counts "five documents" "$DOCS"/doc{1,2,3,4,5}.txt

step "rewrite doc1: only it is reprocessed and its old per-document files go away"
tusk put file documents@master:/doc1.txt -f "$WORK/rewrite/doc1.txt"
tusk wait commit reduce@master >/dev/null
expect_jobs map "4 0 0 4 success" "1 4 0 5 success" "1 4 0 5 success"
expect_jobs reduce "1 0 0 1 success" "1 0 0 1 success" "1 0 0 1 success"
check_counts "doc1 rewritten" "$WORK/rewrite/doc1.txt" "$DOCS"/doc{2,3,4,5}.txt

step "the 1.x pattern (every datum appends to /<word>) fails under Pachyderm 2 semantics"
render_spec "$EXAMPLE_DIR/map_shared_path.json" | tusk create pipeline -f -
tusk wait commit map_shared_path@master >/dev/null 2>&1 || true
state="$(job_counts map_shared_path | awk '{print $5}')"
expect_eq "$state" "failure" "state of the map_shared_path job (two datums wrote the same path)"
reason="$(tusk list job --pipeline map_shared_path --raw | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline()).get("reason",""))')"
[ -n "$reason" ] || fail "the failed map_shared_path job gives no reason"
named=""
for w in $(python_counts "$DOCS"/doc{1,2,3,4,5}.txt "$WORK/rewrite/doc1.txt" | cut -d' ' -f1); do
  case "$reason" in *"/$w "*|*"/$w"|*"/$w;"*|*"/$w,"*|*"/$w\""*) named="$w" ;; esac
done
[ -n "$named" ] || fail "the reason of the failed map_shared_path job names no output path: $reason"
expect_eq "$(tusk list file map_shared_path@master --raw | wc -l)" 0 "files in the failed job's output"
step "job failed as Pachyderm 2 does: $reason"

step "word-count OK"
