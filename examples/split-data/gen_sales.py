#!/usr/bin/env python3
"""Writes a sales CSV (a header line, then one record per line) for the split-data example, the
same every run (fixed seed).

    gen_sales.py OUT.csv --first-id N --records N [--no-header]
"""
import argparse
import random

REGIONS = ["north", "south", "east", "west"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--first-id", type=int, default=1)
    parser.add_argument("--records", type=int, default=8)
    parser.add_argument("--no-header", action="store_true")
    args = parser.parse_args()
    rng = random.Random(1000 + args.first_id)
    with open(args.out, "w") as out:
        if not args.no_header:
            out.write("id,region,amount\n")
        for record_id in range(args.first_id, args.first_id + args.records):
            out.write(f"{record_id},{rng.choice(REGIONS)},{rng.randint(1000, 50000) / 100:.2f}\n")


if __name__ == "__main__":
    main()
