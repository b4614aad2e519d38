#!/usr/bin/env bash
# Build a fresh Python 3.12 environment from exactly the Binder files (runtime.txt,
# requirements.txt, postBuild), as repo2docker would, and run every notebook in it under
# strict nbval. CI runs this after the test suite; run it locally the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -qx 'python-3.12' binder/runtime.txt || { echo "binder/runtime.txt is not python-3.12" >&2; exit 1; }
. binder/python312.sh
env_dir=$(mktemp -d)/binder-env
trap 'rm -rf "$(dirname "$env_dir")"' EXIT
"$PY312" -m venv "$env_dir"
"$env_dir/bin/pip" install -q --upgrade pip
"$env_dir/bin/pip" install -q --no-deps -r binder/requirements.txt
"$env_dir/bin/pip" check
PATH="$env_dir/bin:$PATH" bash binder/postBuild >/dev/null
"$env_dir/bin/python" -c 'import sys, bpcore; assert sys.version_info[:2] == (3, 12); print("binder env:", sys.version.split()[0], "bpcore", bpcore.__version__)'
"$env_dir/bin/python" -m pytest notebooks -q
