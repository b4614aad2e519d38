"""Make ``bpcore/fonts/bpcore-cjk.otf``: the glyphs of Noto Sans CJK SC that the course shows.

    python -m tools.make_cjk_font [--source FONT.ttc]

Re-run it after translating (tests/test_cjk_font.py fails while a character is missing). It
collects every character of the translations (``translations/zh-CN/*.json``), of the message
catalogue in both languages (bpcore's registered tables and ``bpcore/locale/*.json``), of the
words the edition generator writes, and a fixed set (ASCII, Latin-1, Greek, punctuation,
super- and subscripts, arrows, the math signs of figure labels); keeps those the source font
has; and subsets it with fontTools' subsetter (``pyftsubset``'s library). Dropped: hinting,
the layout tables (matplotlib uses neither) and the vertical metrics. The family is renamed
:data:`bpcore.fonts.FAMILY` so that it never shadows an installed Noto; the copyright,
trademark and licence names stay, and ``OFL.txt`` beside it carries the licence. The
timestamps are the source's, so the same characters give the same bytes.

The source is Debian's ``fonts-noto-cjk`` (``apt-get install fonts-noto-cjk``), face
"Noto Sans CJK SC" of ``NotoSansCJK-Regular.ttc``.
"""

import json
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

from bpcore import fonts
from tools import catalogue, translate, translations

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE = "Noto Sans CJK SC"
OUT = ROOT / "bpcore" / "fonts"
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x391, 0x3C9), (0x2010, 0x2027), (0x2030, 0x205E),
          (0x2070, 0x209C), (0x2190, 0x2199), (0x3000, 0x303F), (0xFF01, 0xFF5E)]
SIGNS = "′″−±×÷·∂∇∑∏√∞≈≠≤≥⊙∘∈→⇒…★"


def catalogue_text():
    """Every template registered in bpcore (all modules imported) and every translation."""
    texts = list(catalogue.registered().values())
    for path in sorted((ROOT / "bpcore" / "locale").glob("*.json")):
        texts += json.loads(path.read_text(encoding="utf-8")).values()
    return texts


def translation_text():
    texts = []
    for path in sorted(translations.TRANSLATIONS.glob("*/*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["cells"].values():
            texts += entry.get(path.parent.name) or []
    return texts


def printable(chars):
    return {c for c in chars if c.isprintable() and not c.isspace() or c == " "}


def text_characters():
    """Every character the course's translations, catalogue and generated words use."""
    return printable("".join(catalogue_text() + translation_text() + translate.chinese_words()))


def fixed_characters():
    """The Latin, Greek, punctuation and math the font's Latin side should have anyway."""
    return printable({chr(i) for lo, hi in RANGES for i in range(lo, hi + 1)} | set(SIGNS))


def face(source):
    collection = TTCollection(str(source), lazy=False)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == FACE:
            return font
    raise SystemExit(f"{source} has no face {FACE!r}")


def rename(font, source_version):
    """Family ``fonts.FAMILY`` in every name record that says the family; credits kept."""
    name = font["name"]
    postscript = fonts.FAMILY.replace(" ", "") + "-Regular"
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 5, 6, 16, 17)]
    for plat, enc, lang in ((3, 1, 0x409), (1, 0, 0)):
        for name_id, text in ((1, fonts.FAMILY), (2, "Regular"), (3, postscript),
                              (4, fonts.FAMILY), (5, f"{source_version}; subset by bpcore"),
                              (6, postscript)):
            name.setName(text, name_id, plat, enc, lang)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName, top.FamilyName = fonts.FAMILY, fonts.FAMILY


def licence(font, source_version):
    """The copyright line and the SIL OFL 1.1 text of the source (Debian's copyright file)."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    body = text.split("License: SIL-1.1\n", 2)[-1].split("\nLicense:", 1)[0]
    lines = [line[1:] if line.startswith(" ") else line for line in body.splitlines()]
    lines = ["" if line == "." else line for line in lines]
    head = (f"{fonts.FONT_FILE} is a subset of {FACE} ({source_version}), made by "
            "tools/make_cjk_font.py.\n\n"
            f"{font['name'].getDebugName(0)}\n{font['name'].getDebugName(7)}\n\n")
    return head + "\n".join(lines).strip() + "\n"


def make(source=SOURCE):
    if not source.exists():
        raise SystemExit(f"no {source}: apt-get install fonts-noto-cjk (or pass --source)")
    font = face(source)
    source_version = font["name"].getDebugName(5)
    have = set(map(chr, font.getBestCmap()))
    used = text_characters()
    wanted = used | fixed_characters()
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright, trademark, credit and licence records
    options.hinting = False
    options.layout_features = []
    options.desubroutinize = True
    options.drop_tables += ["GSUB", "GPOS", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in wanted & have))
    subsetter.subset(font)
    rename(font, source_version)
    font.recalcTimestamp = False
    out = OUT / fonts.FONT_FILE
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp))
    tmp.replace(out)
    (OUT / fonts.LICENCE_FILE).write_text(licence(font, source_version), encoding="utf-8")
    cjk = sum(1 for c in wanted & have if ord(c) >= 0x2E80)
    print(f"wrote {out.relative_to(ROOT)}: {len(wanted & have)} characters ({cjk} CJK), "
          f"{out.stat().st_size / 1024:.0f} kB. Used by the course but not in {FACE} "
          f"(figures take them from DejaVu Sans): {''.join(sorted(used - have)) or 'none'}")


def main(argv):
    if argv[:1] == ["--source"] and len(argv) == 2:
        make(Path(argv[1]))
    elif not argv:
        make()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
