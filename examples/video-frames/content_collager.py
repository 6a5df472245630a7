"""Step 6, `content_collager`: a static HTML page showing each original beside its trace.

Input: the shuffled content (originals/ and edges/). Output: /pfs/out/collage/index.html and the
pictures it shows under /pfs/out/collage/static/. A row pairs <name>.<ext> or <name>_original.gif
with <name>_edges.<ext>.
"""
import argparse
import html
import os
import shutil

parser = argparse.ArgumentParser(description="Make an HTML collage")
parser.add_argument("-i", "--input", nargs="+", required=True)
parser.add_argument("-o", "--output", required=True)
args = parser.parse_args()

root_dir = args.input[0]
static = os.path.join(args.output, "collage", "static")
os.makedirs(static, exist_ok=True)


def key(name, suffix):
    stem = os.path.splitext(name)[0]
    return stem[: -len(suffix)] if stem.endswith(suffix) else stem


rows = {}
for folder, column, suffix in (("originals", 0, "_original"), ("edges", 1, "_edges")):
    directory = os.path.join(root_dir, folder)
    if not os.path.isdir(directory):
        continue
    for name in sorted(os.listdir(directory)):
        shutil.copyfile(os.path.join(directory, name), os.path.join(static, name))
        rows.setdefault(key(name, suffix), [None, None])[column] = name


def cell(name):
    if name is None:
        return "<td>(missing)</td>"
    src = html.escape(f"./static/{name}")
    return f'<td><img src="{src}" width="300" alt="{html.escape(name)}"><br>{html.escape(name)}</td>'


lines = [
    "<!DOCTYPE html>",
    "<html><head><meta charset=\"utf-8\"><title>Content collage</title></head><body>",
    "<h1>Content collage</h1>",
    "<table>",
    "<tr><th>Original</th><th>Edges</th></tr>",
]
for item in sorted(rows):
    original, edges = rows[item]
    lines.append(f"<tr>{cell(original)}{cell(edges)}</tr>")
lines += ["</table>", "</body></html>", ""]
with open(os.path.join(args.output, "collage", "index.html"), "w") as page:
    page.write("\n".join(lines))
print(f"collage of {len(rows)} items")
