#!/usr/bin/env bash
# Creates .venv-peers: a virtual environment for benchmarks/bench_peers.py with eaframe
# (editable) and the peer ArchiMate libraries from PyPI. The peers are benchmark-only
# dependencies, never the project's.
#
# Usage: benchmarks/peers-venv.sh [PYTHON]
#   PYTHON defaults to $PEERS_PYTHON, else ~/.pyenv/versions/3.12.1/bin/python, else python3.12:
#   etcion needs Python >= 3.12, so the comparison runs every tool on the same 3.12.
# Then: .venv-peers/bin/python benchmarks/bench_peers.py --repeat 3
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${1:-${PEERS_PYTHON:-}}"
if [ -z "$PY" ]; then
  if [ -x "$HOME/.pyenv/versions/3.12.1/bin/python" ]; then
    PY="$HOME/.pyenv/versions/3.12.1/bin/python"
  else
    PY=python3.12
  fi
fi
if ! command -v "$PY" >/dev/null 2>&1; then
  echo "error: $PY not found; pass a Python >= 3.11 (3.12 or newer for etcion) as the first argument" >&2
  exit 1
fi
"$PY" -m venv .venv-peers
echo "*" > .venv-peers/.gitignore  # keep the environment out of git
.venv-peers/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv-peers/bin/python -m pip install -q --disable-pip-version-check -e .
# Each peer separately, so that one whose Python requirement this interpreter does not meet
# is reported and skipped instead of failing the others (bench_peers.py says why it is absent).
for peer in pyArchimate archimate-mcp etcion; do
  if ! .venv-peers/bin/python -m pip install -q --disable-pip-version-check "$peer"; then
    echo "note: $peer does not install on $(.venv-peers/bin/python -V 2>&1); bench_peers.py reports it as skipped" >&2
  fi
done
.venv-peers/bin/python -m pip list --disable-pip-version-check 2>/dev/null | grep -iE '^(eaframe|pyarchimate|archimate-mcp|etcion|lxml|pydantic) '
