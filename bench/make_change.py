#!/usr/bin/env python3
"""Write a change to the tree of bench/make_tree.py: CHANGED of its files rewritten and ADDED new
files, each SIZE bytes, at their paths relative to the tree's root.

The changed files are spread evenly over the tree (file numbers 0, FILES/CHANGED, ...); the new
files are `dNN/new-NN.bin`, spread over the directories. Contents come from a fixed seed that
differs from make_tree.py's, so every changed file really changes.

    python3 bench/make_change.py TARGET_DIR FILES DIRS SIZE CHANGED ADDED
"""

import random
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 7:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    target = Path(sys.argv[1])
    files, directories, size, changed, added = (int(value) for value in sys.argv[2:])
    if not (0 < changed <= files and directories > 0 and size >= 0 and added >= 0):
        print("make_change.py: need 0 < CHANGED <= FILES, DIRS > 0, SIZE and ADDED >= 0", file=sys.stderr)
        return 2
    generator = random.Random(2020)
    width = len(str(directories - 1))
    paths = []
    for index in range(changed):
        number = index * files // changed
        paths.append(f"d{number % directories:0{width}d}/f{number:05d}.bin")
    for index in range(added):
        directory = index * directories // max(added, 1)
        paths.append(f"d{directory:0{width}d}/new-{index:02d}.bin")
    for relative in paths:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(generator.randbytes(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
