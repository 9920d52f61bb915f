"""The normalised view: one character in, one character out."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gklint.normalize import chinese_number, compact, normalize


def test_full_width_digits():
    assert normalize("２０２５年１２月３１日") == "2025年12月31日"
    assert normalize("０１２３４５６７８９") == "0123456789"


def test_full_width_letters():
    assert normalize("ＡＢＣＸＹＺａｂｃｘｙｚ") == "ABCXYZabcxyz"
    assert normalize("ｗｗｗ．ｂｅｉｌｉｕ．ｇｏｖ．ｃｎ") == "www.beiliu.gov.cn"


def test_full_width_punctuation():
    assert normalize("（一）：，；！？％＋－／＝＜＞＠＃＄＆＊｜～") == "(一):,;!?%+-/=<>@#$&*|~"
    assert normalize("第二十条第（一）项") == "第二十条第(一)项"
    assert normalize("［１］｛２｝") == "[1]{2}"


def test_chinese_punctuation_outside_the_full_width_block_is_kept():
    assert normalize("一、总体情况。") == "一、总体情况。"
    assert normalize("《条例》") == "《条例》"
    assert normalize("—、") == "—、"


def test_ideographic_and_other_spaces():
    assert normalize("一、\u3000总体情况") == "一、 总体情况"
    assert normalize("a\u00a0b\u2002c\u2003d\u2009e\u200af\u202fg\u205fh") == "a b c d e f g h"


def test_tab_is_kept():
    assert normalize("规章\t0\t0") == "规章\t0\t0"


def test_quotes():
    assert normalize("“门户网站”") == '"门户网站"'
    assert normalize("„a‟〝b〞＂") == '"a"\"b"\"'
    assert normalize("‘三安全一稳定’") == "'三安全一稳定'"
    assert normalize("‚‛＇") == "'''"


def test_brackets_and_dashes():
    assert normalize("【通知】〖附件〗") == "[通知][附件]"
    assert normalize("﹙一﹚") == "(一)"
    assert normalize("（一）") == "(一)"
    assert normalize("－‐‑") == "---"
    assert normalize("―─") == "——"


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_become_spaces(char):
    assert normalize(f"总体{char}情况") == "总体 情况"


@pytest.mark.parametrize("code", [c for c in range(0x20) if c != 0x09] + [0x7F] + list(range(0x80, 0xA0)))
def test_control_characters_become_spaces(code):
    assert normalize(f"a{chr(code)}b") == "a b"


def test_escape_sequence_is_neutralised():
    assert normalize("\x1b[31m红\x1b[0m") == " [31m红 [0m"
    assert normalize("\x9b31m") == " 31m"


# Every Unicode space separator (category Zs) is "a kind of space".
_ZS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"]


@pytest.mark.parametrize("char", _ZS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_space_separator_becomes_a_plain_space(char):
    assert normalize(char) == " "


@pytest.mark.parametrize("char", ["\u1680", "\u2028", "\u2029"], ids=lambda c: f"U+{ord(c):04X}")
def test_whitespace_the_layout_grammar_cannot_see_is_normalised(char):
    # The layout grammar's TEXT needs a non-space character (regex \S) and its
    # blank line is [ \t]+, so every Python whitespace character must become a
    # plain space or tab here.
    assert normalize(char) in (" ", "\t")


def test_no_other_python_whitespace_is_missed():
    odd = [chr(c) for c in range(0x110000) if chr(c).isspace() and normalize(chr(c)) not in (" ", "\t")]
    assert odd == []


def test_normal_text_is_unchanged():
    text = "北留镇人民政府2025年政府信息公开工作年度报告"
    assert normalize(text) == text
    assert normalize("") == ""


def test_markup_is_kept():
    assert normalize("## **六、其他需要报告的事项**") == "## **六、其他需要报告的事项**"


def test_compact_removes_every_space():
    assert compact("商业 企业") == "商业企业"
    assert compact("商业\u3000企业\t（其他）") == "商业企业(其他)"
    assert compact("  ") == ""


# --- properties --------------------------------------------------------------


@given(st.text())
def test_length_is_always_preserved(text):
    assert len(normalize(text)) == len(text)


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xFFFF)))
def test_every_index_maps_to_the_same_index(text):
    # one character in, one out: normalising a prefix gives a prefix
    normalised = normalize(text)
    for index in range(0, len(text), max(1, len(text) // 5)):
        assert normalize(text[:index]) == normalised[:index]
        assert normalize(text[index]) == normalised[index]


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_no_control_or_zero_width_character_survives(text):
    for char in normalize(text):
        code = ord(char)
        assert char == "\t" or not (code < 0x20 or 0x7F <= code < 0xA0)
        assert char not in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u3000"
        assert not (0xFF01 <= code <= 0xFF5E)


# --- chinese_number ----------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("一", 1),
        ("二", 2),
        ("五", 5),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("二十一", 21),
        ("三十五", 35),
        ("九十九", 99),
    ],
)
def test_chinese_number_values(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "零", "百", "一百", "两", "1", "a", "十十", "二十十", "一二", "十二三", "九十九九", "、", "—"])
def test_chinese_number_rejects(text):
    assert chinese_number(text) is None


def test_chinese_number_covers_one_to_ninety_nine():
    digits = "一二三四五六七八九"
    spelled = {}
    for value in range(1, 100):
        tens, unit = divmod(value, 10)
        if value < 10:
            text = digits[value - 1]
        elif tens == 1:
            text = "十" + (digits[unit - 1] if unit else "")
        else:
            text = digits[tens - 1] + "十" + (digits[unit - 1] if unit else "")
        spelled[text] = value
    assert {text: chinese_number(text) for text in spelled} == spelled


def test_normalize_replaces_only_what_occurs_and_equals_the_table():
    """normalize() replaces the characters that occur (issue 16: translate
    with a dict is slow on CJK text); the result is the table's, always."""
    import random

    from gklint import normalize as module

    table = module._TABLE
    alphabet = [chr(code) for code in table] + list("一二三abc 　，。：；1２")
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert module.normalize(text) == text.translate(table)
    plain = "一、总体情况"
    assert module.normalize(plain) is plain  # nothing to change: no copy


def test_traditional_script_needs_enough_traditional_characters():
    from gklint.script import _THRESHOLD, is_traditional

    assert not is_traditional(["政府信息公开工作年度报告"])
    assert is_traditional(["政府資訊公開工作年度報告，機關處理申請" * _THRESHOLD])
    assert not is_traditional(["報" * (_THRESHOLD - 1) + "报告" * 5])
