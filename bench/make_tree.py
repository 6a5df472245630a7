#!/usr/bin/env python3
"""Write the benchmark's small-file tree: FILES files of SIZE bytes spread over DIRS directories.

Contents are pseudo-random from a fixed seed (no two files alike, so no tool can deduplicate
them) and the layout is `dNN/fNNNNN.bin`.

    python3 bench/make_tree.py TARGET_DIR FILES DIRS SIZE
"""

import random
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    target = Path(sys.argv[1])
    files, directories, size = (int(value) for value in sys.argv[2:])
    if files <= 0 or directories <= 0 or size < 0:
        print("make_tree.py: FILES and DIRS must be positive, SIZE non-negative", file=sys.stderr)
        return 2
    generator = random.Random(4096)
    width = len(str(directories - 1))
    for directory in range(directories):
        (target / f"d{directory:0{width}d}").mkdir(parents=True, exist_ok=True)
    for number in range(files):
        directory = number % directories
        path = target / f"d{directory:0{width}d}" / f"f{number:05d}.bin"
        path.write_bytes(generator.randbytes(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
