# Sourced by the binder scripts: sets PY312 to a Python 3.12 interpreter (pyenv's here).
PY312=""
if python3.12 -c '' 2>/dev/null; then
  PY312=$(python3.12 -c 'import sys; print(sys.executable)')
elif command -v pyenv >/dev/null; then
  v=$(pyenv versions --bare | grep -E '^3\.12(\.[0-9]+)?$' | tail -n 1 || true)
  [ -n "$v" ] && PY312="$(pyenv root)/versions/$v/bin/python3.12"
fi
if [ -z "$PY312" ] || ! "$PY312" -c 'import sys; assert sys.version_info[:2] == (3, 12)'; then
  echo "binder: no Python 3.12 found (install it, e.g. with pyenv)" >&2
  exit 1
fi
