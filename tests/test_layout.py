"""The repository's layout: what the wheel ships, one version string, a core that does not
reach into the notebook helpers, and tools importable as a package."""

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import setuptools

import bpcore

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_wheel_ships_bpcore_only():
    find = PYPROJECT["tool"]["setuptools"]["packages"]["find"]
    shipped = setuptools.find_packages(where=ROOT, **find)
    assert "bpcore" in shipped and "bpcore.nb" in shipped
    assert all(p == "bpcore" or p.startswith("bpcore.") for p in shipped), shipped
    for folder in ("benchmarks", "tools"):  # packages of the repository, not of the wheel
        assert (ROOT / folder / "__init__.py").exists() and folder not in shipped


def test_one_version_string():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "bpcore.__version__"}
    tree = ast.parse((ROOT / "bpcore" / "__init__.py").read_text(encoding="utf-8"))
    literal = [n.value.value for n in tree.body if isinstance(n, ast.Assign)
               and [t.id for t in n.targets] == ["__version__"]]
    assert literal == [bpcore.__version__]  # a plain literal setuptools can read


def test_the_core_never_imports_the_notebook_helpers():
    core = [m.name for m in pkgutil.iter_modules(bpcore.__path__) if not m.ispkg]
    code = ("import sys, importlib\n"
            f"for m in {core!r}: importlib.import_module('bpcore.' + m)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('bpcore.nb', 'matplotlib',"
            " 'ipywidgets'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "bench" not in core and "blas_threads" in core
    assert out.strip() == "[]"


def test_tools_run_as_modules():
    out = subprocess.run([sys.executable, "-m", "tools.nbtool"], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode != 0 and "python -m tools.nbtool run" in out.stderr
