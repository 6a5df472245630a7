"""The transform of the cron pipelines: takes one reading of a (fake) sensor per tick.

Pachyderm's cron input gives each datum one tick file, /pfs/tick/<RFC 3339 time>. For it this
writes /pfs/out/<tick>.csv with one line "<tick>,<unix seconds>,<value>". The value is derived
from the tick's name, so a checker can recompute it. (Each datum writes its own file: in
Pachyderm 2.x a job fails when two datums write the same output path.)
"""
import glob
import os
import zlib
from datetime import datetime


def fake_reading(tick):
    """A temperature between 18.00 and 27.99 that depends only on the tick's name."""
    return 18.0 + (zlib.crc32(tick.encode()) % 1000) / 100


def reading_line(tick):
    when = datetime.fromisoformat(tick.replace("Z", "+00:00"))
    return f"{tick},{int(when.timestamp())},{fake_reading(tick):.2f}\n"


if __name__ == "__main__":
    for path in sorted(glob.glob("/pfs/tick/*")):
        tick = os.path.basename(path)
        with open(f"/pfs/out/{tick}.csv", "a") as f:
            f.write(reading_line(tick))
        print(f"sensor: tick {tick} -> {reading_line(tick).strip()}")
