"""Step 5, `content_shuffler`: sorts the content into /pfs/out/originals and /pfs/out/edges.

Still images and *_original.gif go to originals/, *_edges.png and *_edges.gif to edges/.
Only top-level files are taken (the frames stay behind).
"""
import argparse
import os
import shutil

parser = argparse.ArgumentParser(description="Shuffle content into originals and edges")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

for folder in ("originals", "edges"):
    os.makedirs(os.path.join(args.output, folder), exist_ok=True)
for root_dir in args.input:
    if not os.path.exists(root_dir):
        continue  # a union datum only holds one of the inputs
    for name in sorted(os.listdir(root_dir)):
        source = os.path.join(root_dir, name)
        if not os.path.isfile(source):
            continue
        folder = "edges" if os.path.splitext(name)[0].endswith("_edges") else "originals"
        shutil.copyfile(source, os.path.join(args.output, folder, name))
        print(f"{name} -> {folder}/")
