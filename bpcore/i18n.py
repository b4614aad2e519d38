"""Everything a student reads, in one catalogue: English beside the code, translations in files.

A module that shows text keeps its English sentences in one table ``{key: template}`` and
registers it under a prefix; :func:`register` returns a maker, ``msg(key, **fields)``, whose
:class:`Msg` renders in the current language when it is shown::

    msg = register("demon", {"readout": "Δz = {dz}: actual ΔC = {actual}"})
    str(msg("readout", dz=0.5, actual="0.0123"))

Templates use ``str.format`` fields; a field holds a value (a number, a shape, a symbol) or
another :class:`Msg`, never words glued into a sentence. A translation is
``bpcore/locale/<language>.json``, ``{"prefix.key": template}`` with the same fields; a key it
lacks falls back to English. The language is ``set_language("zh-CN")`` (a notebook's setup
cell) or the environment variable ``BPCORE_LANG``; English by default.
"""

import json
import os
from dataclasses import dataclass, field
from importlib import resources

LANGUAGES = ("en", "zh-CN")
TEXT = {}  # "prefix.key" → English template
_translations = {}  # language → {"prefix.key": template}, loaded on first use
_language = None
_listeners = []  # called with the new language by set_language (bpcore.fonts uses it)


def register(prefix, table):
    """Add ``table`` ({key: English template}) under ``prefix``; return ``msg(key, **fields)``."""
    for key, template in table.items():
        full = f"{prefix}.{key}"
        if TEXT.get(full, template) != template:
            raise ValueError(f"message {full!r} is defined twice with different text")
        TEXT[full] = template

    def msg(key, **fields):
        full = f"{prefix}.{key}"
        if full not in TEXT:
            raise KeyError(f"no message {full!r}; add it to the {prefix} table")
        return Msg(full, fields)

    return msg


@dataclass(frozen=True)
class Msg:
    """One message: a key into the catalogue and the values of its named fields."""

    key: str
    fields: dict = field(default_factory=dict)

    def render(self):
        values = {k: v.render() if isinstance(v, Msg) else v for k, v in self.fields.items()}
        return template(self.key).format(**values)

    __str__ = render


def template(key, language=None):
    """The template of ``key`` in ``language`` (default: the current one), else English."""
    lang = language or get_language()
    if lang != "en":
        translated = translations(lang).get(key)
        if translated is not None:
            return translated
    return TEXT[key]


def translations(language):
    """``{"prefix.key": template}`` of ``language`` from ``bpcore/locale/<language>.json``."""
    if language not in _translations:
        path = resources.files("bpcore.locale").joinpath(f"{language}.json")
        _translations[language] = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    return _translations[language]


def set_language(language):
    """Show every message from now on in ``language`` ("en" or "zh-CN")."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}; got {language!r}")
    _language = language
    for listener in _listeners:
        listener(language)


def on_language_change(listener):
    """Call ``listener(language)`` after every :func:`set_language` (once per listener)."""
    if listener not in _listeners:
        _listeners.append(listener)


def get_language():
    """The current language: :func:`set_language`'s, else ``$BPCORE_LANG``, else "en"."""
    if _language is not None:
        return _language
    env = os.environ.get("BPCORE_LANG", "")
    return env if env in LANGUAGES else "en"
