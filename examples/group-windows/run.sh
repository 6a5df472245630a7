#!/usr/bin/env bash
# Rolling time windows and group inputs (Pachyderm's "time windows" cookbook and group input): a
# `sales` repo holds one file per day over two months; `binning` (glob /) bins each day into the
# 3-day rolling windows containing it (/<start>_to_<end>/<day>.txt, symlinks); `analysis` (glob /*
# over binning) totals each window, one datum per window; `monthly` groups the days by month
# ("glob": "/(*)-(*)-*.txt", "group_by": "$1-$2"), one datum per month. Checks every bin, window
# total and monthly total against a local computation and the datum counts of every job, then adds
# a day and checks that only the windows and the month containing it are recomputed.
EXAMPLE=group-windows
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

DAYS="$WORK/days"
FIRST_DAY=2026-01-26
NEW_DAY=2026-02-07

step "generate 13 days of sales from $FIRST_DAY (the last, $NEW_DAY, is added later)"
python3 "$EXAMPLE_DIR/gen_days.py" "$DAYS" "$FIRST_DAY" 13

# Expected outputs, computed locally from the day files present: "<name> <content>" lines.
expected() { # bins|windows|months DAY-FILE...
  python3 - "$@" <<'PY'
import datetime, pathlib, sys
kind, files = sys.argv[1], [pathlib.Path(f) for f in sys.argv[2:]]
day = {datetime.date.fromisoformat(f.stem): f for f in files}
amounts = {d: [int(x) for x in f.read_text().split()] for d, f in day.items()}
if kind in ("bins", "windows"):
    for start in sorted(day):
        end = start + datetime.timedelta(days=2)
        members = [d for d in sorted(day) if start <= d <= end]
        window = f"{start}_to_{end}"
        if kind == "bins":
            for d in members:
                print(f"{window}/{d}.txt", " ".join(map(str, amounts[d])))
        else:
            print(f"{window}.txt", f"days={len(members)} total={sum(sum(amounts[d]) for d in members)}")
else:
    for month in sorted({f"{d:%Y-%m}" for d in day}):
        members = [d for d in day if f"{d:%Y-%m}" == month]
        print(f"{month}.txt", f"key={month} days={len(members)} total={sum(sum(amounts[d]) for d in members)}")
PY
}
# The files of REPO@master as "<path> <content, newlines as spaces>" lines.
actual() { # REPO
  rm -rf "$WORK/out-$1"
  tusk get file -r "$1@master:/" -o "$WORK/out-$1" >/dev/null || fail "could not download $1@master"
  (cd "$WORK/out-$1" && find . -type f | sed 's#^\./##' | sort | while read -r f; do
    printf '%s %s\n' "$f" "$(tr '\n' ' ' <"$f" | sed 's/ $//')"
  done)
}
check_outputs() { # WHAT DAY-FILE...
  local what="$1"; shift
  expect_eq "$(actual binning)" "$(expected bins "$@")" "$what: bins in binning@master (window/day and the day's amounts)"
  expect_eq "$(actual analysis)" "$(expected windows "$@")" "$what: window totals in analysis@master"
  expect_eq "$(actual monthly)" "$(expected months "$@")" "$what: monthly totals in monthly@master"
  step "$what: $(expected bins "$@" | wc -l) binned days, $(expected windows "$@" | wc -l) windows and $(expected months "$@" | wc -l) months as computed locally"
}

start_tusk

step "sales repo: twelve days in one commit"
tusk create repo sales
first12=()
for f in "$DAYS"/*.txt; do [ "$(basename "$f" .txt)" = "$NEW_DAY" ] || first12+=("$f"); done
expect_eq "${#first12[@]}" 12 "day files before $NEW_DAY"
put_args=()
for f in "${first12[@]}"; do put_args+=(-f "$f"); done
tusk put file sales@master "${put_args[@]}"

step "pipelines binning (glob /), analysis (glob /* over binning) and monthly (group by month)"
render_spec "$EXAMPLE_DIR/binning.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/analysis.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/monthly.json" | tusk create pipeline -f -
tusk wait commit analysis@master >/dev/null
tusk wait commit monthly@master >/dev/null
expect_jobs binning "1 0 0 1 success"
expect_jobs analysis "12 0 0 12 success"
expect_jobs monthly "2 0 0 2 success"
check_outputs "twelve days" "${first12[@]}"

step "add $NEW_DAY: binning reruns (one datum), analysis recomputes the 2 windows that gain it and the new one, monthly only February"
tusk put file sales@master -f "$DAYS/$NEW_DAY.txt"
tusk wait commit analysis@master && tusk wait commit monthly@master >/dev/null
expect_jobs binning "1 0 0 1 success" "1 0 0 1 success"
expect_jobs analysis "12 0 0 12 success" "3 10 0 13 success"
expect_jobs monthly "2 0 0 2 success" "1 1 0 2 success"
check_outputs "thirteen days" "$DAYS"/*.txt

step "group-windows OK"
