#!/usr/bin/env bash
# The train -> deploy -> predict pattern of the PDK guide, small: a `training` repo holds a
# generated CSV of 200 labelled 2-D points (fixed seed); `train` (glob /) fits a scikit-learn
# LogisticRegression and writes model.pkl + meta.json (accuracy, the training commit from
# $training_COMMIT); `serve` is a service pipeline (internal_port/external_port) answering
# GET /predict?x=..&y=.. from the current model; `predict` crosses train (glob /) with an
# `inference` repo (glob /*) and writes one label per file. It checks the labels of clearly
# separable points, that the service answers on the spec's external port, that adding an
# inference file processes only that file (1 processed, 3 skipped), that new training data with
# flipped labels retrains, redeploys (the service serves the new model, polled with a deadline)
# and recomputes every prediction, that every prediction traces back to its model commit and
# training commit through provenance (CLI --raw and pachyderm_sdk), and the datum counts of
# every job.
EXAMPLE=train-deploy-predict
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
require_python numpy sklearn pachyderm_sdk

step "generating the training points and the inference points (fixed seed) into $WORK/data"
python3 "$EXAMPLE_DIR/make_data.py" "$WORK/data"
EXPECTED="$WORK/data/expected.json"

start_tusk

# --- helpers of this example ---------------------------------------------------------------
head_id() { # REPO: the id of the head commit of REPO@master
  tusk inspect commit "$1@master" --raw | python3 -c 'import json, sys; print(json.load(sys.stdin)["commit"]["id"])'
}
provenance_of() { # REPO@COMMIT INPUT-REPO: the id of the INPUT-REPO commit in its direct provenance
  tusk inspect commit "$1" --raw | python3 -c '
import json, sys
ids = [c["id"] for c in json.load(sys.stdin).get("direct_provenance", []) if c["repo"]["name"] == sys.argv[1]]
print(ids[0] if len(ids) == 1 else "none:%s" % ids)' "$2"
}
check_predictions() { # MODEL(v1|v2) MODEL_COMMIT TRAINING_COMMIT NAME...: predict@master's files
  local out="$WORK/predictions.$RANDOM"
  tusk get file -r "predict@master:/" -o "$out" || fail "could not download predict@master"
  python3 "$EXAMPLE_DIR/check_predictions.py" "$out" "$EXPECTED" "$@" >&2 \
    || fail "predictions in predict@master are wrong (see above)"
}
service_url() { # the service's address as its spec publishes it: localhost:<external_port>
  local port
  port="$(tusk inspect pipeline serve --raw | python3 -c 'import json, sys; print(json.load(sys.stdin)["details"]["service"]["external_port"])')"
  echo "http://localhost:$port"
}
wait_for_service_model() { # MODEL_COMMIT: polls /healthz (30 s deadline) until that model is served
  local url deadline=$((SECONDS + 30)) reply=""
  url="$(service_url)"
  while [ "$SECONDS" -lt "$deadline" ]; do
    reply="$(curl -s -m 2 "$url/healthz" || true)"
    case "$reply" in *"\"model_commit\": \"$1\""*) return 0 ;; esac
    sleep 0.5
  done
  fail "the service at $url (serve's external_port) did not serve model $1 within 30 s; last reply: '${reply:-no answer}'"
}
expect_service_label() { # X Y LABEL MODEL_COMMIT TRAINING_COMMIT
  local reply
  reply="$(curl -s -m 5 "$(service_url)/predict?x=$1&y=$2")" || fail "GET /predict?x=$1&y=$2 got no answer"
  python3 - "$reply" "$3" "$4" "$5" <<'PY' || fail "GET /predict?x=$1&y=$2 answered '$reply'"
import json, sys
reply, label, model, training = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
sys.exit(0 if (reply["label"], reply["model_commit"], reply["training_commit"]) == (label, model, training) else 1)
PY
  step "service: ($1, $2) -> label $3 from model $4 (training $5)"
}

# --- 1. data and the train pipeline ----------------------------------------------------------
step "create repos training and inference; commit the training CSV and 3 inference points"
tusk create repo training
tusk create repo inference
tusk put file training@master:/points.csv -f "$WORK/data/training-v1/points.csv"
tusk put file inference@master -f "$WORK/data/inference-1/a.csv" -f "$WORK/data/inference-1/b.csv" -f "$WORK/data/inference-1/c.csv"
TRAINING_V1="$(head_id training)"

step "create pipeline train (glob /); wait for the model"
render_spec "$EXAMPLE_DIR/train.json" | tusk create pipeline -f -
tusk wait commit train@master >/dev/null
expect_eq "$(tusk list file train@master --raw | python3 -c 'import json, sys; print(" ".join(sorted(json.loads(l)["file"]["path"] for l in sys.stdin)))')" \
  "/meta.json /model.json /model.pkl" "files in train@master"
MODEL_V1="$(head_id train)"
meta="$(tusk get file train@master:/meta.json)"
echo "$meta" >&2
expect_contains "$meta" "\"training_commit\": \"$TRAINING_V1\"" "train@master:/meta.json (the training commit, from \$training_COMMIT)"
expect_contains "$meta" "\"accuracy\": 1.0" "train@master:/meta.json (separable data: training accuracy)"
expect_eq "$(provenance_of "train@$MODEL_V1" training)" "$TRAINING_V1" "training commit in the provenance of train@$MODEL_V1"

# --- 2. batch predictions ----------------------------------------------------------------------
step "create pipeline predict (train glob / x inference glob /*); wait for the predictions"
render_spec "$EXAMPLE_DIR/predict.json" | tusk create pipeline -f -
tusk wait commit predict@master >/dev/null
check_predictions v1 "$MODEL_V1" "$TRAINING_V1" a b c
expect_jobs train "1 0 0 1 success"
expect_jobs predict "3 0 0 3 success"

# --- 3. deploy: the service pipeline ---------------------------------------------------------
INTERNAL_PORT="$(free_port)"
EXTERNAL_PORT="$(free_port)"
while [ "$EXTERNAL_PORT" = "$INTERNAL_PORT" ]; do EXTERNAL_PORT="$(free_port)"; done
step "create pipeline serve (service: internal_port $INTERNAL_PORT, external_port $EXTERNAL_PORT)"
render_spec "$EXAMPLE_DIR/serve.json" | sed "s#@INTERNAL_PORT@#$INTERNAL_PORT#g; s#@EXTERNAL_PORT@#$EXTERNAL_PORT#g" | tusk create pipeline -f -
expect_eq "$(tusk inspect pipeline serve --raw | python3 -c 'import json, sys; print(json.load(sys.stdin)["type"])')" \
  "PIPELINE_TYPE_SERVICE" "type of pipeline serve"
wait_for_service_model "$MODEL_V1"
expect_service_label -2 -2 0 "$MODEL_V1" "$TRAINING_V1"
expect_service_label 2.5 1 1 "$MODEL_V1" "$TRAINING_V1"

# --- 4. new inference data: only the new datum is processed ----------------------------------
step "put file inference@master:/d.csv; only d is predicted, a b c are skipped"
tusk put file inference@master:/d.csv -f "$WORK/data/inference-2/d.csv"
INFERENCE_HEAD="$(head_id inference)"
tusk wait commit predict@master >/dev/null
check_predictions v1 "$MODEL_V1" "$TRAINING_V1" a b c d
expect_jobs predict "3 0 0 3 success" "1 3 0 4 success"
expect_jobs train "1 0 0 1 success"

# --- 5. new training data: retrain, redeploy, recompute --------------------------------------
step "put file training@master:/points.csv with the labels flipped: retrain, redeploy, re-predict"
tusk put file training@master:/points.csv -f "$WORK/data/training-v2/points.csv"
TRAINING_V2="$(head_id training)"
tusk wait commit predict@master >/dev/null
MODEL_V2="$(head_id train)"
[ "$MODEL_V2" != "$MODEL_V1" ] || fail "train@master did not move after new training data"
expect_contains "$(tusk get file train@master:/meta.json)" "\"training_commit\": \"$TRAINING_V2\"" "train@master:/meta.json after retraining"
check_predictions v2 "$MODEL_V2" "$TRAINING_V2" a b c d
expect_jobs train "1 0 0 1 success" "1 0 0 1 success"
expect_jobs predict "3 0 0 3 success" "1 3 0 4 success" "4 0 0 4 success"
step "the service must switch to the new model (polling /healthz, 30 s deadline)"
wait_for_service_model "$MODEL_V2"
expect_service_label -2 -2 1 "$MODEL_V2" "$TRAINING_V2"
expect_service_label 2.5 1 0 "$MODEL_V2" "$TRAINING_V2"

# --- 6. lineage: every prediction traces back through provenance -----------------------------
step "provenance (CLI): predict@master <- train@$MODEL_V2 <- training@$TRAINING_V2"
expect_eq "$(provenance_of predict@master train)" "$MODEL_V2" "train commit in the provenance of predict@master"
expect_eq "$(provenance_of predict@master inference)" "$INFERENCE_HEAD" "inference commit in the provenance of predict@master"
expect_eq "$(provenance_of "train@$MODEL_V2" training)" "$TRAINING_V2" "training commit in the provenance of train@$MODEL_V2"
# Pachyderm 2.x: the commits a commit causes downstream share its id (one commit set).
expect_eq "$(head_id predict)" "$TRAINING_V2" "id of predict@master (the commit set of the training commit)"
step "provenance (pachyderm_sdk): every commit of predict, its model and its training data"
python3 "$EXAMPLE_DIR/check_lineage.py" "$TRAINING_V2" "$INFERENCE_HEAD" >&2 \
  || fail "some predictions do not trace back to their model and training commits (see above)"

# --- 7. the service's jobs --------------------------------------------------------------------
# Pachyderm 2.x runs a service as one job per input commit: the job serving the newest model is
# running for as long as it serves; the job it replaced has finished.
step "serve ran one job per model: the replaced one finished, the current one is running"
states="$(job_counts serve | awk '{ print $5 }' | paste -sd ' ')"
expect_eq "$states" "success running" "states of serve's jobs, oldest first"

step "OK: trained, deployed, predicted, retrained and redeployed with full lineage"
