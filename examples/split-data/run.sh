#!/usr/bin/env bash
# Splitting data on the way in (Pachyderm's "Splitting Data for Distributed Processing"): a CSV with
# a header line is put with `--split line --target-file-datums 1 --header-records 1` and a pg_dump
# with `--split sql`; each becomes a directory of split-files, one record each. Checks the split-file
# names and count, that `get file <dir>/*` returns the original bytes, that one split-file reads as
# header + record (+ footer for SQL) and the directory as the header (and footer) alone, that a
# pipeline with glob /sales.csv/* gets one datum per record and sees the header in each, the same
# for the SQL rows, and that appending three records processes only those three datums.
EXAMPLE=split-data
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

step "generate sales.csv (header + 8 records), more-sales.csv (header + 3 records) and users.sql"
python3 "$EXAMPLE_DIR/gen_sales.py" "$WORK/sales.csv" --first-id 1 --records 8
python3 "$EXAMPLE_DIR/gen_sales.py" "$WORK/more-sales.csv" --first-id 9 --records 3
# A pg_dump-style file: statements that set up the table, COPY ... FROM stdin; the rows (tab
# separated), then \. and the closing statements.
{
  printf '%s\n' '--' '-- PostgreSQL database dump' '--' '' \
    "SET statement_timeout = 0;" "SET client_encoding = 'UTF8';" "SET standard_conforming_strings = on;" '' \
    'CREATE TABLE public.users (' '    id integer NOT NULL,' '    name text NOT NULL,' '    city text NOT NULL' ');' '' \
    'ALTER TABLE public.users OWNER TO postgres;' '' \
    'COPY public.users (id, name, city) FROM stdin;'
  printf '%s\t%s\t%s\n' 1 alice Lyon 2 bob Oslo 3 carol Lima 4 dave Kyiv 5 erin Pune
  printf '%s\n' '\.' '' '--' '-- PostgreSQL database dump complete' '--' ''
} >"$WORK/users.sql"
SALES_RECORDS=8
SQL_ROWS=5

start_tusk
tusk create repo data

step "put sales.csv split by line, one record per file, first line as header"
tusk put file data@master:/sales.csv -f "$WORK/sales.csv" --split line --target-file-datums 1 --header-records 1
step "put users.sql split as a pg_dump"
tusk put file data@master:/users.sql -f "$WORK/users.sql" --split sql

same_bytes() { # REPO@REF:PATH LOCAL-FILE WHAT
  tusk get file "$1" >"$WORK/got" || fail "could not read $1"
  cmp -s "$WORK/got" "$2" || fail "$3: $1 differs from $2:
$(diff "$2" "$WORK/got" | head -20)"
}
split_names() { # DIR -> the paths of its split-files, one a line
  tusk list file "data@master:$1" --raw | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line)["file"]["path"])'
}
hex_names() { # DIR FIRST LAST -> DIR/%016x for each index
  local i
  for ((i = $2; i <= $3; i++)); do printf '%s/%016x\n' "$1" "$i"; done
}

step "round trip: get file /sales.csv/* and /users.sql/* give back the original files"
same_bytes 'data@master:/sales.csv/*' "$WORK/sales.csv" "CSV round trip"
same_bytes 'data@master:/users.sql/*' "$WORK/users.sql" "pg_dump round trip"

step "one split-file per record, named by 16 hex digits from 0000000000000000"
expect_eq "$(split_names /sales.csv)" "$(hex_names /sales.csv 0 $((SALES_RECORDS - 1)))" "split-files of /sales.csv ($SALES_RECORDS records; the header is kept on the directory)"
expect_eq "$(split_names /users.sql)" "$(hex_names /users.sql 0 $((SQL_ROWS - 1)))" "split-files of /users.sql ($SQL_ROWS rows; header and footer are kept on the directory)"

step "a split-file reads as the header then its record; the directory as the header alone"
head -n 1 "$WORK/sales.csv" >"$WORK/want"
sed -n 2p "$WORK/sales.csv" >>"$WORK/want"
same_bytes "data@master:/sales.csv/0000000000000000" "$WORK/want" "first split-file of /sales.csv"
head -n 1 "$WORK/sales.csv" >"$WORK/want"
same_bytes "data@master:/sales.csv" "$WORK/want" "the /sales.csv directory"
sed -n '1,/^COPY /p' "$WORK/users.sql" >"$WORK/sql-header"
sed -n '/^\\\.$/,$p' "$WORK/users.sql" >"$WORK/sql-footer"
cat "$WORK/sql-header" >"$WORK/want"
printf '3\tcarol\tLima\n' >>"$WORK/want"
cat "$WORK/sql-footer" >>"$WORK/want"
same_bytes "data@master:/users.sql/0000000000000002" "$WORK/want" "third split-file of /users.sql (header, row, footer)"
cat "$WORK/sql-header" "$WORK/sql-footer" >"$WORK/want"
same_bytes "data@master:/users.sql" "$WORK/want" "the /users.sql directory (header and footer)"

expected_records() { # CSV-FILE... -> "<id>.json <json>" lines, as record.py writes them
  python3 - "$@" <<'PY'
import csv, json, sys
for name in sys.argv[1:]:
    for row in csv.DictReader(open(name, newline="")):
        record = {"id": int(row["id"]), "region": row["region"], "amount": float(row["amount"])}
        print(f"{record['id']}.json", json.dumps(record, sort_keys=True))
PY
}
actual_outputs() { # REPO -> "<name> <content>" lines
  rm -rf "$WORK/out-$1"
  tusk get file -r "$1@master:/" -o "$WORK/out-$1" >/dev/null || fail "could not download $1@master"
  (cd "$WORK/out-$1" && shopt -s nullglob && for f in *; do printf '%s %s\n' "$f" "$(cat "$f")"; done) | sort -n
}

step "pipelines: one datum per CSV record and per SQL row"
render_spec "$EXAMPLE_DIR/records.json" | tusk create pipeline -f -
render_spec "$EXAMPLE_DIR/sql_rows.json" | tusk create pipeline -f -
tusk wait commit records@master >/dev/null
tusk wait commit sql_rows@master >/dev/null
expect_jobs records "$SALES_RECORDS 0 0 $SALES_RECORDS success"
expect_jobs sql_rows "$SQL_ROWS 0 0 $SQL_ROWS success"
expect_eq "$(actual_outputs records)" "$(expected_records "$WORK/sales.csv" | sort -n)" "records@master"
expect_eq "$(actual_outputs sql_rows)" "$(printf '%s\n' '1.txt alice Lyon' '2.txt bob Oslo' '3.txt carol Lima' '4.txt dave Kyiv' '5.txt erin Pune')" "sql_rows@master"

step "append three records (-a): numbering continues, only the new datums are processed"
tusk put file -a data@master:/sales.csv -f "$WORK/more-sales.csv" --split line --target-file-datums 1 --header-records 1
tusk wait commit records@master >/dev/null
tusk wait commit sql_rows@master >/dev/null
ALL=$((SALES_RECORDS + 3))
expect_eq "$(split_names /sales.csv)" "$(hex_names /sales.csv 0 $((ALL - 1)))" "split-files of /sales.csv after the append"
{ cat "$WORK/sales.csv"; tail -n +2 "$WORK/more-sales.csv"; } >"$WORK/all-sales.csv"
same_bytes 'data@master:/sales.csv/*' "$WORK/all-sales.csv" "CSV round trip after the append"
expect_jobs records "$SALES_RECORDS 0 0 $SALES_RECORDS success" "3 $SALES_RECORDS 0 $ALL success"
expect_jobs sql_rows "$SQL_ROWS 0 0 $SQL_ROWS success" "0 $SQL_ROWS 0 $SQL_ROWS success"
expect_eq "$(actual_outputs records)" "$(expected_records "$WORK/all-sales.csv" | sort -n)" "records@master after the append"

step "split-data OK"
