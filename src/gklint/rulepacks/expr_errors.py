"""What is wrong with an expression that does not parse, said the way its author thinks.

Lark reports "unexpected token at column 8"; the author of a province's pack
needs "缺少比较运算符（==、<=、>= …）".  The common mistakes are recognised
before parsing (brackets that do not pair, a function other than ``sum``)
and from the parser's error (no comparison, an operator with nothing after
it, a cell with two parts, a full-width ``＝``); anything else still names
its column and what could stand there.  Every message is Chinese and
English (:class:`~gklint.rulepacks.expr.ExpressionError`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from .expr import ExpressionError

#: the functions an expression may call
FUNCTIONS = ("sum",)
_CALL = re.compile(r"([A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*)\s*\(")
_PAIRS = {")": "(", "}": "{", "]": "["}
_OPERANDS = {"LPAR", "NAME", "NUMBER", "SUM"}
_OPERATORS = {"PLUS", "MINUS", "STAR", "COMPARE"}
_MISSING_COMPARISON = ("缺少比较运算符（==、<=、>= …）：identity 应比较两边，如 t3.total.total == sum(t3.[outcomes].total)",
                       "no comparison operator (==, <=, >= …): an identity compares two sides, e.g. t3.total.total == sum(t3.[outcomes].total)")
_TERMINALS = {
    "NAME": ("名称", "a name"),
    "NUMBER": ("数字", "a number"),
    "SUM": ("sum(…)", "sum(…)"),
    "LPAR": ("“(”", "'('"),
    "RPAR": ("“)”", "')'"),
    "DOT": ("“.”", "'.'"),
    "PLUS": ("“+”", "'+'"),
    "MINUS": ("“-”", "'-'"),
    "STAR": ("“*”", "'*'"),
    "COMPARE": ("比较运算符", "a comparison"),
    "LBRACE": ("“{”", "'{'"),
    "RBRACE": ("“}”", "'}'"),
    "LSQB": ("“[”", "'['"),
    "RSQB": ("“]”", "']'"),
    "$END": ("表达式结尾", "the end"),
}


def before_parsing(text: str) -> None:
    """Raise for the mistakes best seen in the whole text: an empty
    expression, brackets that do not pair, an unknown function."""
    if not text.strip():
        raise ExpressionError("表达式为空", "the expression is empty")
    _check_brackets(text)
    for match in _CALL.finditer(text):
        name = match.group(1)
        if name in FUNCTIONS:
            continue
        column = match.start(1) + 1
        near = difflib.get_close_matches(name.lower(), FUNCTIONS, n=1, cutoff=0.5)
        if near:
            hint_zh, hint_en = f"：{name} → {near[0]}？", f": did you mean {name} → {near[0]}?"
        else:
            hint_zh, hint_en = f"（可用的函数：{'、'.join(FUNCTIONS)}）", f" (the functions are: {', '.join(FUNCTIONS)})"
        raise ExpressionError(f"第 {column} 列：未知的函数“{name}”{hint_zh}", f"column {column}: unknown function {name!r}{hint_en}", column)


def _check_brackets(text: str) -> None:
    open_: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        if char in "({[":
            open_.append((char, index + 1))
        elif char in _PAIRS:
            if not open_ or open_[-1][0] != _PAIRS[char]:
                raise ExpressionError(
                    f"括号不成对：第 {index + 1} 列的“{char}”前没有与之对应的“{_PAIRS[char]}”",
                    f"unbalanced brackets: the {char!r} at column {index + 1} has no {_PAIRS[char]!r} before it",
                    index + 1,
                )
            open_.pop()
    if open_:
        char, column = open_[-1]
        closing = next(close for close, opening in _PAIRS.items() if opening == char)
        raise ExpressionError(
            f"括号不成对：第 {column} 列的“{char}”缺少与之对应的“{closing}”",
            f"unbalanced brackets: the {char!r} at column {column} is never closed with {closing!r}",
            column,
        )


def syntax_error(text: str, exc, parser) -> ExpressionError:
    """The :class:`ExpressionError` for Lark's ``exc`` on ``text``."""
    from lark.exceptions import UnexpectedCharacters

    if isinstance(exc, UnexpectedCharacters):
        return _bad_character(text, exc.column, text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else "")
    token = getattr(exc, "token", None)
    kind = getattr(token, "type", "$END")
    expected = set(getattr(exc, "expected", ()) or ())
    tokens = _tokens(text, parser)
    has_comparison = any(t.type == "COMPARE" for t in tokens)
    at_end = kind == "$END"
    column = len(text.rstrip()) + 1 if at_end else getattr(token, "column", None) or exc.column
    before = [t for t in tokens if t.end_pos <= (len(text) if at_end else token.start_pos)]
    previous = before[-1] if before else None
    if expected and expected <= _OPERANDS:  # a number or a cell should stand here
        if previous is not None and previous.type in _OPERATORS:
            after = "表达式到此结束" if at_end else f"其后是“{token}”"
            after_en = "the expression ends there" if at_end else f"{str(token)!r} follows"
            return ExpressionError(
                f"第 {previous.column} 列的运算符“{previous}”后缺少数字或单元格（{after}）",
                f"the operator {str(previous)!r} at column {previous.column} has no number or cell after it ({after_en})",
                previous.column,
            )
        if previous is None and kind in _OPERATORS:
            return ExpressionError(
                f"第 {column} 列的运算符“{token}”前缺少数字或单元格",
                f"the operator {str(token)!r} at column {column} has no number or cell before it",
                column,
            )
    if not has_comparison and "COMPARE" in expected:
        return ExpressionError(*_MISSING_COMPARISON, column)
    if kind == "COMPARE" and has_comparison and "COMPARE" not in expected and "DOT" not in expected:
        return ExpressionError(
            f"第 {column} 列又出现了比较运算符“{token}”：一个 identity 只能有一个比较（a == b，不能 a == b == c）",
            f"another comparison {str(token)!r} at column {column}: an identity has exactly one (a == b, not a == b == c)",
            column,
        )
    if expected & {"DOT", "LBRACE", "LSQB"} and previous is not None and previous.type in ("NAME", "DOT"):
        return ExpressionError(
            f"第 {column} 列：单元格应为“表.行.列”三段，如 t3.new.total 或 t3.{{row}}.total",
            f"column {column}: a cell is table.row.column, e.g. t3.new.total or t3.{{row}}.total",
            column,
        )
    if kind in _OPERANDS and expected & {"PLUS", "MINUS", "STAR", "COMPARE"}:
        return ExpressionError(
            f"第 {column} 列的“{token}”前缺少运算符（+、-、* 或比较运算符）",
            f"an operator (+, -, * or a comparison) is missing before {str(token)!r} at column {column}",
            column,
        )
    wanted_zh = "、".join(_TERMINALS.get(name, (name, name))[0] for name in sorted(expected))
    wanted_en = ", ".join(_TERMINALS.get(name, (name, name))[1] for name in sorted(expected))
    found_zh = "表达式结尾" if at_end else f"“{token}”"
    found_en = "the end" if at_end else repr(str(token))
    return ExpressionError(
        f"第 {column} 列：此处不能是{found_zh}（应为：{wanted_zh}）",
        f"column {column}: {found_en} cannot stand here (expected: {wanted_en})",
        column,
    )


def _tokens(text: str, parser) -> list:
    """The tokens of ``text`` up to the first character the lexer refuses."""
    tokens = []
    try:
        for token in parser.lex(text):
            tokens.append(token)
    except Exception:  # noqa: BLE001 - a later bad character: the tokens before it suffice
        pass
    return tokens


def _bad_character(text: str, column: int, char: str) -> ExpressionError:
    if char == "=":
        return ExpressionError(
            f"第 {column} 列的“=”不是比较运算符：相等请写“==”", f"the '=' at column {column} is no comparison: write '==' for equality", column
        )
    ascii_form = "*" if char == "×" else unicodedata.normalize("NFKC", char)
    if ascii_form != char and ascii_form.isascii() and ascii_form.strip():
        return ExpressionError(
            f"第 {column} 列的“{char}”是全角或中文符号：请改用半角的“{ascii_form}”",
            f"the {char!r} at column {column} is a full-width character: use {ascii_form!r}",
            column,
        )
    if char.isascii() and char.isalpha() and char.isupper():
        return ExpressionError(
            f"第 {column} 列的“{char}”：名称只能用小写字母、数字和下划线（如 t3.new.total）",
            f"the {char!r} at column {column}: names are lower-case letters, digits and '_' (e.g. t3.new.total)",
            column,
        )
    return ExpressionError(
        f"第 {column} 列有无法识别的字符“{char}”（可用：名称、数字、+ - * ( ) sum(…) 与 == != >= <= > <）",
        f"column {column}: the character {char!r} cannot be read (use names, numbers, + - * ( ) sum(…) and == != >= <= > <)",
        column,
    )
