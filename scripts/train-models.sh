#!/usr/bin/env bash
# Retrains the shipped linear models in config/models/ and rebuilds the feed of known
# attacks in config/feeds/ from ../shared/datasets, the same
# way every time (fixed seed, fixed split by a hash of the text), each with the benign rows
# of the other corpus as extra negatives, and writes the held-out rows to build/ for
#   build/llmsec eval build/*-heldout.jsonl tests/data/hard_negatives*.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
datasets=${DATASETS:-../shared/datasets}
build/llmsec-train --name jailbreak --category jailbreak --seed 42 \
  --data "$datasets/jailbreak-dev.jsonl" --benign-from "$datasets/injection-dev.jsonl" \
  --out config/models/jailbreak.model --holdout-out build/jailbreak-heldout.jsonl
# Not shipped yet: on held-out rows it flags too many honest e-mails and questions (see
# the closing note of this work); trained here so that it can be improved and measured.
build/llmsec-train --name prompt_injection --category prompt_injection --seed 42 \
  --data "$datasets/injection-dev.jsonl" --benign-from "$datasets/jailbreak-dev.jsonl" \
  --out build/prompt_injection.model --holdout-out build/injection-heldout.jsonl
# The feed of known attacks (config/feeds/), from the same training split.
build/llmsec-build-feed --data "$datasets/jailbreak-dev.jsonl" --data "$datasets/injection-dev.jsonl" \
  --out config/feeds/known_attacks.jsonl
