# Shared set-up for scripts/demo.sh and scripts/test.sh (sourced, not run).
# Creates .venv with eaframe and its dev extras, and makes sure Graphviz `dot` and a
# font covering Vietnamese are present (installed with apt when running as root).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="${PYTHON:-python3}"

have_apt_root() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v "$PY" >/dev/null 2>&1; then
  echo "error: $PY not found; install Python 3.11 or newer (Debian: apt-get install python3 python3-venv)" >&2
  exit 1
fi
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "error: eaframe needs Python 3.11 or newer; $PY is $("$PY" -V 2>&1)" >&2
  exit 1
fi

# System packages: Graphviz (dot), a font with Vietnamese glyphs, and Chromium (the
# report site's tests open it headless through Playwright).
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if command -v fc-list >/dev/null 2>&1; then
  [ "$(fc-list :lang=vi family 2>/dev/null | grep -ci dejavu)" -gt 0 ] || need+=(fonts-dejavu-core)
else
  need+=(fonts-dejavu-core fontconfig)
fi
if [ ${#need[@]} -gt 0 ]; then
  if have_apt_root; then
    echo "installing system packages: ${need[*]}" >&2
    apt_install "${need[@]}"
  else
    echo "note: missing ${need[*]}; rendering diagrams needs them (and the report tests Chromium)." >&2
    echo "      install with: sudo apt-get install ${need[*]}" >&2
  fi
fi

# Virtual environment with the package (editable) and its dev extras.
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv
    if have_apt_root; then
      apt_install python3-venv
      "$PY" -m venv .venv
    else
      echo "error: cannot create a virtual environment; install python3-venv (sudo apt-get install python3-venv)" >&2
      exit 1
    fi
  fi
fi
stamp=.venv/.eaframe-installed
if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing eaframe and its dev extras into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
