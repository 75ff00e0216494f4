#!/usr/bin/env bash
# The main job: validate, summarise, diff, check, export and render the bundled models.
# Usage: scripts/demo.sh [OUTPUT_DIR]   (default: demo-output)
source "$(dirname "$0")/_env.sh"
exec eaframe demo -o "${1:-demo-output}"
