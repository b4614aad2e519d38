"""The message catalogue against its translation: ``bpcore/locale/<language>.json``.

Every English table registered with :func:`bpcore.i18n.register` (all bpcore modules
imported) must have each key translated, with the same ``{fields}``, and the translation
must hold no key that English lacks.
"""

import importlib
import pkgutil
import string
import warnings

import bpcore
from bpcore import i18n

LANG = "zh-CN"


def registered():
    """``{key: English template}`` of every table in bpcore (every module imported)."""
    with warnings.catch_warnings():  # bpcore.nb warns if the font is not made yet
        warnings.simplefilter("ignore")
        for info in pkgutil.walk_packages(bpcore.__path__, "bpcore."):
            importlib.import_module(info.name)  # a module registers its table on import
    return dict(i18n.TEXT)


def fields(template):
    return sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})


def problems(english=None, translated=None, lang=LANG):
    """("missing" | "unknown" | "fields", line) for the catalogue of ``lang`` against the
    English tables: a key without translation, a translated key English lacks, a template
    whose {fields} differ."""
    english = registered() if english is None else english
    translated = i18n.translations(lang) if translated is None else translated
    found = [("missing", f"{key}: no {lang} translation") for key in english
             if key not in translated]
    found += [("unknown", f"{key}: in {lang}.json but registered nowhere in bpcore")
              for key in translated if key not in english]
    found += [("fields", f"{key}: fields {fields(translated[key])} differ from English "
                         f"{fields(english[key])}")
              for key in translated if key in english
              and fields(translated[key]) != fields(english[key])]
    return found
