"""bpcore.i18n: one catalogue, English fallback, the language chosen once."""

import pytest

from bpcore import i18n


@pytest.fixture
def zh(monkeypatch):
    """A zh-CN catalogue with one translated key; both catalogues restored afterwards (the
    test keys must not reach the completeness check of tests/test_translations.py)."""
    monkeypatch.setattr(i18n, "TEXT", dict(i18n.TEXT))
    monkeypatch.setitem(i18n._translations, "zh-CN", {"test.hello": "你好，{name}！"})
    monkeypatch.setattr(i18n, "_language", None)
    return i18n.register("test", {"hello": "Hello, {name}!", "bye": "Bye, {name}."})


def test_english_by_default_and_translation_when_chosen(zh, monkeypatch):
    monkeypatch.delenv("BPCORE_LANG", raising=False)
    assert str(zh("hello", name="Ada")) == "Hello, Ada!"
    i18n.set_language("zh-CN")
    assert str(zh("hello", name="Ada")) == "你好，Ada！"
    assert str(zh("bye", name="Ada")) == "Bye, Ada."  # no translation yet: English


def test_environment_chooses_when_no_call_did(zh, monkeypatch):
    monkeypatch.setenv("BPCORE_LANG", "zh-CN")
    assert i18n.get_language() == "zh-CN"
    monkeypatch.setenv("BPCORE_LANG", "klingon")  # unknown: English, not an error at import
    assert i18n.get_language() == "en"


def test_bad_language_and_unknown_key_are_refused(zh):
    with pytest.raises(ValueError, match="klingon"):
        i18n.set_language("klingon")
    with pytest.raises(KeyError, match="test.nope"):
        zh("nope")


def test_one_key_cannot_get_two_english_texts(zh):
    with pytest.raises(ValueError, match="test.hello"):
        i18n.register("test", {"hello": "Hi there, {name}!"})
