"""A student's first visit with the README's first command.

The command must stay one line that installs everything and starts JupyterLab on notebook 00.
From that start: every link in every notebook must reach a file the server can serve (the
server root is what the command makes it), opening a notebook must not mark it modified
(stored kernelspec and language_info equal what the kernel writes), and neither a kernel
dialog nor a news pop-up may greet the student (labsettings/, installed by requirements.txt).
The last test checks all of that in a real browser with an empty home directory.
"""

import json
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

from tools import labshot, nbtool

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
OVERRIDES = ROOT / "labsettings" / "bpcore-course.json"

PATHS = nbtool.notebook_paths()


def first_command():
    """The README's first bash block: the command that opens the course."""
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    assert blocks, "README.md has no ```bash block"
    return blocks[0].strip()


def lab_args():
    """What the first command passes to `jupyter lab`."""
    command = first_command()
    assert "jupyter lab" in command, f"the first command starts no JupyterLab: {command!r}"
    return shlex.split(command.split("jupyter lab", 1)[1])


def served_file_and_root():
    """(file opened, server root), decided from the arguments as jupyter_server does."""
    args = lab_args()
    positional = [a for a in args if not a.startswith("-")]
    assert len(positional) == 1, f"expected one notebook to open, got {positional}"
    opened = (ROOT / positional[0]).resolve()
    roots = [a.split("=", 1)[1] for a in args
             if a.startswith(("--ServerApp.root_dir=", "--notebook-dir="))]
    # jupyter_server serves the folder of the file it was given, unless told otherwise.
    root = (ROOT / roots[-1]).resolve() if roots else opened.parent
    return opened, root


def test_first_command_is_one_line_that_installs_and_opens_notebook_00():
    command = first_command()
    assert "\n" not in command, "the first command must be one line"
    assert "pip install -r requirements.txt" in command
    opened, root = served_file_and_root()
    assert opened == PATHS[0], f"the command opens {opened}, not notebook 00"
    assert opened.is_relative_to(root)


# A markdown link or image, or an HTML href/src, in a markdown cell.
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
                  r"|(?:href|src)=[\"']([^\"']+)[\"']")


def links_of(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for m in LINK.finditer(cell.source):
                yield m.group(1) or m.group(2)


def anchors_of(path):
    """The anchors JupyterLab gives the headings of a notebook (their data-jupyter-id)."""
    nb = nbformat.read(path, as_version=4)
    return {nbtool.heading_anchor(line.lstrip("#"))
            for cell in nb.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if re.match(r"#{1,6} ", line)}


def link_problems(path, root):
    """What would fail when a student follows each link of the notebook at ``path``."""
    problems = []
    for link in links_of(nbformat.read(path, as_version=4)):
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            continue  # a web address: not served by JupyterLab
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        if not target.is_relative_to(root):
            problems.append(f"{link}: outside the server root {root.name}/ (a 404 in JupyterLab)")
        elif not target.exists():
            problems.append(f"{link}: no such file")
        elif parts.fragment and target.suffix == ".ipynb" and (
                unquote(parts.fragment) not in anchors_of(target)):
            problems.append(f"{link}: {target.name} has no heading with id {parts.fragment!r}")
    return problems


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_link_target_exists_under_the_server_root(path):
    assert link_problems(path, served_file_and_root()[1]) == []


def test_the_link_check_catches_what_it_should(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "README.md").write_text("# Course\n")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("## The map\n\n[a](../README.md#contents) "
                                      "![b](img/x.png) <a href=\"x.ipynb#Top\">c</a> "
                                      "[d](https://example.org/x) [e](x.ipynb#The-map) "
                                      "[f](#The-map) [g](#Nowhere)")])
    path = tmp_path / "notebooks" / "x.ipynb"
    nbformat.write(nb, path)
    problems = link_problems(path, tmp_path / "notebooks")
    assert [p.split(":")[0] for p in problems] == [
        "../README.md#contents", "img/x.png", "x.ipynb#Top", "#Nowhere"]
    assert link_problems(path, tmp_path)[0].startswith("img/x.png")  # README is served now


def kernel_language_info():
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        return client.kernel_info(reply=True, timeout=60)["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_stored_kernel_metadata_is_what_jupyterlab_writes_on_opening():
    # JupyterLab sets kernelspec from the kernel's spec and language_info from the kernel's
    # kernel_info reply, and marks the notebook modified if either differs from the stored one.
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    kernelspec = {"name": "python3", "display_name": spec.display_name,
                  "language": spec.language}
    live = kernel_language_info()
    stored = {str(p.relative_to(ROOT)): nbformat.read(p, as_version=4).metadata
              for p in PATHS + nbtool.edition_paths("zh-CN")}
    for name, meta in stored.items():
        assert meta.get("kernelspec") == kernelspec, name
        info = dict(meta.get("language_info", {}))
        assert info.pop("version", None), f"{name}: language_info has no version"
        assert info == {k: v for k, v in live.items() if k != "version"}, name
    versions = {meta["language_info"]["version"] for meta in stored.values()}
    assert len(versions) == 1, f"notebooks stored under different Pythons: {versions}"
    if versions != {live["version"]}:
        pytest.skip(f"the notebooks were stored under Python {versions.pop()}, this kernel runs "
                    f"{live['version']}: here JupyterLab records the new version on opening")


def test_the_install_put_the_course_lab_settings_in_place():
    installed = (Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d"
                 / OVERRIDES.name)
    assert installed.is_file(), f"{installed} missing: pip install -r requirements.txt"
    settings = json.loads(installed.read_text(encoding="utf-8"))
    assert settings == json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert settings["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True


MODEL = "() => window.jupyterapp.shell.currentWidget.context.model"


@pytest.mark.skipif(not Path(labshot.CHROMIUM).exists(),
                    reason=f"no browser at {labshot.CHROMIUM}: `apt-get install chromium`")
def test_first_visit_in_a_browser():
    from playwright.sync_api import sync_playwright

    opened, root = served_file_and_root()
    assert root == ROOT / "notebooks", "the browser test serves a copy of notebooks/ only"
    nbs = [nbformat.read(p, as_version=4) for p in PATHS]
    map_anchor = nbtool.contents_link(PATHS, nbs).split("#", 1)[1]
    labshot.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with labshot.jupyterlab(args=lab_args(), first_visit=True) as base, \
            sync_playwright() as p:
        browser = labshot.launch(p)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        seen = labshot.watch(page)
        try:
            page.goto(f"{base}/lab/tree/{opened.relative_to(root).as_posix()}"
                      f"?token={labshot.TOKEN}")
            page.wait_for_selector(".jp-Notebook", timeout=120_000)
            page.wait_for_function(labshot.KERNEL_READY, timeout=120_000)  # no kernel dialog
            page.wait_for_timeout(3000)  # time for a toast or a metadata update to arrive
            page.screenshot(path=str(labshot.ARTIFACTS / "first-visit.png"))
            toasts = page.locator(".Toastify__toast").all_inner_texts()
            dialogs = page.locator(".jp-Dialog").count()
            dirty_00 = page.evaluate(MODEL + ".dirty")

            # The student follows "Contents" from notebook 04: notebook 00's course map opens.
            page.goto(f"{base}/lab/tree/04-the-demon.ipynb?token={labshot.TOKEN}")
            page.wait_for_function(labshot.KERNEL_READY, timeout=120_000)
            page.wait_for_timeout(2000)
            dirty_04 = page.evaluate(MODEL + ".dirty")
            contents = page.locator(".jp-Notebook a", has_text="Contents")
            contents.locator("visible=true").first.click()
            page.wait_for_function(
                "() => window.jupyterapp.shell.currentWidget.title.label"
                " === '00-start-here.ipynb'", timeout=60_000)
            # JupyterLab scrolls to the heading whose data-jupyter-id is the link's fragment.
            page.wait_for_function(
                "id => { const h = window.jupyterapp.shell.currentWidget.node.querySelector("
                "`[data-jupyter-id=\"${id}\"]`);"
                " const y = h && h.getBoundingClientRect().top;"
                " return y !== null && y >= 0 && y < window.innerHeight / 2; }", arg=map_anchor,
                timeout=30_000)
            page.screenshot(path=str(labshot.ARTIFACTS / "first-visit-contents.png"))
        finally:
            browser.close()
    assert toasts == [], f"pop-ups on a first visit: {toasts}"
    assert dialogs == 0, "a dialog (which kernel?) greeted the student"
    stored = nbformat.read(PATHS[0], as_version=4).metadata.language_info["version"]
    if stored == sys.version.split()[0]:  # else JupyterLab records this Python's version
        assert not dirty_00 and not dirty_04, "opening a notebook marked it modified"
    assert seen["outside"] == [], f"requests that leave the machine: {seen['outside']}"
    assert seen["failed"] == [], f"failed requests: {seen['failed']}"
    assert seen["errors"] == [], f"JavaScript console errors: {seen['errors']}"
