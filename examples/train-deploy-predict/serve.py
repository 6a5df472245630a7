"""The `serve` service pipeline: answers predictions over HTTP from the current model.

    serve.py --port INTERNAL_PORT

Pachyderm restarts it whenever `train` has a new output commit, with /pfs/train holding that
commit's model.pkl and meta.json. Routes:
    GET /predict?x=1.5&y=-2  ->  {"label": 0, "model_commit": ..., "training_commit": ...}
    GET /healthz             ->  {"ok": true, "model_commit": ...}
"""
import argparse
import json
import os
import pickle
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
args = parser.parse_args()

with open("/pfs/train/model.pkl", "rb") as f:
    MODEL = pickle.load(f)
with open("/pfs/train/meta.json") as f:
    META = json.load(f)
LINEAGE = {"model_commit": os.environ["train_COMMIT"], "training_commit": META["training_commit"]}


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = (json.dumps(body, sort_keys=True) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/healthz":
            return self.reply(200, {"ok": True, **LINEAGE})
        if url.path != "/predict":
            return self.reply(404, {"error": f"no route {url.path}"})
        query = parse_qs(url.query)
        try:
            x, y = float(query["x"][0]), float(query["y"][0])
        except (KeyError, ValueError):
            return self.reply(400, {"error": "give numbers x and y: /predict?x=1&y=2"})
        label = int(MODEL.predict([[x, y]])[0])
        return self.reply(200, {"x": x, "y": y, "label": label, **LINEAGE})

    def log_message(self, format, *args):
        pass


print(f"serve: model from train commit {LINEAGE['model_commit']} on port {args.port}", flush=True)
HTTPServer(("0.0.0.0", args.port), Handler).serve_forever()
