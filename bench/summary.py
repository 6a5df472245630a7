#!/usr/bin/env python3
"""Print run-all's summary table from the rows the benchmark scripts recorded (bench/lib.sh's
`record` and `record_extra`): workload, Tusk's median, the baseline's median, their ratio, the
issue's target, and whether it holds; extra columns (e.g. dvc) where a script added them.

    python3 bench/summary.py RESULTS_FILE [--quick]
"""

import re
import sys

TARGET = re.compile(r"^(ratio|tusk)(<=|<)([0-9.]+)$")


def number(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def verdict(target: str, tusk, ratio) -> str:
    match = TARGET.match(target)
    if not match:
        return "?"
    subject, operator, bound = match.group(1), match.group(2), float(match.group(3))
    value = ratio if subject == "ratio" else tusk
    if value is None:
        return "n/a"
    holds = value <= bound if operator == "<=" else value < bound
    return "yes" if holds else "NO"


def shown_target(target: str, unit: str) -> str:
    match = TARGET.match(target)
    if not match:
        return target
    subject, operator, bound = match.groups()
    symbol = "≤" if operator == "<=" else "<"
    return f"ratio {symbol} {bound}" if subject == "ratio" else f"{symbol} {bound} {unit}"


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rows, extras, columns = [], {}, []
    with open(sys.argv[1], encoding="utf-8") as results:
        for line in results:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "row" and len(fields) >= 7:
                rows.append(fields[1:8] + [""] * (8 - len(fields)))
            elif fields[0] == "extra" and len(fields) == 4:
                extras.setdefault(fields[1], {})[fields[2]] = fields[3]
                if fields[2] not in columns:
                    columns.append(fields[2])
    header = ["workload", "unit", "tusk", "baseline", "ratio", "target", "holds"] + columns
    table, notes = [], []
    for key, label, unit, tusk_text, base_text, target, note in rows:
        tusk, base = number(tusk_text), number(base_text)
        ratio = tusk / base if tusk is not None and base else None
        line = [label, unit, tusk_text, base_text, f"{ratio:.2f}" if ratio is not None else "-",
                shown_target(target, unit), verdict(target, tusk, ratio)]
        line += [extras.get(key, {}).get(column, "-") for column in columns]
        if note:
            line[0] += f" [{len(notes) + 1}]"
            notes.append(note)
        table.append(line)
    widths = [max(len(str(line[index])) for line in [header] + table) for index in range(len(header))]
    for line in [header] + table:
        cells = [str(cell).ljust(widths[index]) if index == 0 else str(cell).rjust(widths[index])
                 for index, cell in enumerate(line)]
        print("  ".join(cells).rstrip())
    for number_, note in enumerate(notes, start=1):
        print(f"[{number_}] {note}")
    if "--quick" in sys.argv[2:]:
        print("(--quick: small sizes for a smoke test; the targets are for the full sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
