#!/usr/bin/env bash
# The whole test suite (unit, property, golden, doctest, CLI, wheel install).
# Usage: scripts/test.sh [PYTEST_ARGS...]
source "$(dirname "$0")/_env.sh"
exec python -m pytest -q "$@"
