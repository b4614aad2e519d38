"""Lint and notebook-metadata hygiene, as the pre-commit hooks enforce them."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_passes_on_code_and_notebooks():
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_notebooks_carry_no_volatile_metadata():
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    result = run("nbstripout", "--verify", "--keep-output", "--keep-count", "--keep-id",
                 *notebooks)
    hint = "run `python -m tools.nbtool run` (or nbstripout):\n"
    assert result.returncode == 0, hint + result.stdout
