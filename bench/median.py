#!/usr/bin/env python3
"""Print the median of the numbers given as arguments (used by bench/ingest.sh)."""

import statistics
import sys

values = [float(argument) for argument in sys.argv[1:]]
if not values:
    print("median.py: no values given", file=sys.stderr)
    sys.exit(2)
print(f"{statistics.median(values):.3f}")
