#!/usr/bin/env python3
"""Write a tar archive of many tiny files quickly: directories dFIRST .. dFIRST+COUNT-1 (four
digits), each holding PER_DIR files f0000, f0001, ... with the same two bytes "x\\n".

Used by bench/listing.sh to build a repository of up to a million files in a few CLI calls. The
content is the same everywhere on purpose: the listing workload measures metadata, and one
shared chunk keeps the build cheap. Headers are written by hand (plain ustar, no directory
entries), which is several times faster than the tarfile module for a million entries.

    python3 bench/make_tar.py OUT.tar FIRST COUNT PER_DIR
"""

import sys

CONTENT = b"x\n"
BLOCK = 512


def header_template() -> bytearray:
    header = bytearray(BLOCK)
    header[100:108] = b"0000644\0"  # mode
    header[108:116] = b"0000000\0"  # uid
    header[116:124] = b"0000000\0"  # gid
    header[124:136] = b"%011o\0" % len(CONTENT)  # size
    header[136:148] = b"%011o\0" % 1700000000  # mtime (fixed, so archives are reproducible)
    header[148:156] = b" " * 8  # checksum field counts as spaces
    header[156:157] = b"0"  # regular file
    header[257:263] = b"ustar\0"
    header[263:265] = b"00"
    return header


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out_path = sys.argv[1]
    first, count, per_dir = (int(value) for value in sys.argv[2:])
    if first < 0 or count <= 0 or per_dir <= 0 or first + count > 10000 or per_dir > 10000:
        print("make_tar.py: need 0 <= FIRST, 0 < COUNT, FIRST + COUNT <= 10000, 0 < PER_DIR <= 10000", file=sys.stderr)
        return 2
    template = header_template()
    base_sum = sum(template)
    data_block = CONTENT + bytes(BLOCK - len(CONTENT))
    with open(out_path, "wb", buffering=1 << 20) as out:
        for directory in range(first, first + count):
            for number in range(per_dir):
                name = b"d%04d/f%04d" % (directory, number)
                header = bytearray(template)
                header[0:len(name)] = name
                header[148:156] = b"%06o\0 " % (base_sum + sum(name))
                out.write(header)
                out.write(data_block)
        out.write(bytes(2 * BLOCK))
    return 0


if __name__ == "__main__":
    sys.exit(main())
