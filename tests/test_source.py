"""Reading a report: bytes → decoded lines, with line numbers kept.

Every way a file can be unusable must end in an :class:`InputError` whose
message is one line of Chinese (with an English twin), never a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys

import pytest

from gklint.errors import InputError
from gklint.source import Source, decode, read_source, source_from_bytes, source_from_text, split_lines

# A few lines of a real-looking report (simplified characters).
ZH = (
    "北留镇人民政府2025年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n"
    "本机关全年收到政府信息公开申请2件，均已按时答复。\n"
)
ZH_LINES = tuple(ZH.splitlines())

# The same kind of text in traditional characters, as Big5 files carry it.
ZH_TRADITIONAL = (
    "一、總體情況\n"
    "本機關收到政府資訊公開申請三件，均已依法答覆。\n"
    "二、主動公開政府資訊情況\n"
)

CJK = re.compile(r"[\u4e00-\u9fff]")


def _write(tmp_path, data: bytes, name: str = "report.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _assert_one_line_chinese(error: InputError, path: str) -> None:
    for message in (error.zh, error.en, str(error)):
        assert "\n" not in message and "\r" not in message
    assert error.zh.startswith(f"{path}: ")
    assert CJK.search(error.zh[len(path) :]), error.zh
    assert error.message("zh") == error.zh
    assert error.message("en") == error.en
    assert error.en.startswith(f"{path}: ")
    assert not CJK.search(error.en[len(path) :].replace("字节", "")), error.en
    assert error.exit_code == 2


# --- encodings -------------------------------------------------------------


def test_utf8_without_bom(tmp_path):
    source = read_source(_write(tmp_path, ZH.encode("utf-8")))
    assert isinstance(source, Source)
    assert source.encoding == "utf-8"
    assert source.lines == ZH_LINES
    assert source.line(2) == "一、总体情况"
    assert source.format == "text"


def test_utf8_with_bom_drops_the_bom(tmp_path):
    source = read_source(_write(tmp_path, codecs.BOM_UTF8 + ZH.encode("utf-8")))
    assert source.encoding == "utf-8-sig"
    assert source.lines == ZH_LINES
    assert not source.lines[0].startswith("\ufeff")
    assert source.line(1)[0] == "北"


def test_text_starting_with_bom_character_drops_it():
    source = source_from_text("\ufeff" + ZH)
    assert source.lines == ZH_LINES


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb18030_and_gbk_bytes(tmp_path, codec):
    data = ZH.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the test really exercises the legacy path
    source = read_source(_write(tmp_path, data))
    assert source.encoding == "gb18030"
    assert source.lines == ZH_LINES


def test_gb18030_four_byte_character(tmp_path):
    text = "本报告由𠀀乡人民政府编制，统计期限自2025年1月1日起至2025年12月31日止。\n"
    data = text.encode("gb18030")
    assert b"\x95\x32\x82\x36" in data  # 𠀀 takes four bytes in GB18030, none in GBK
    source = read_source(_write(tmp_path, data))
    assert source.encoding == "gb18030"
    assert source.lines == (text.rstrip("\n"),)


def test_big5_bytes(tmp_path):
    data = ZH_TRADITIONAL.encode("big5")
    source = read_source(_write(tmp_path, data))
    assert source.encoding == "big5"
    assert source.lines == tuple(ZH_TRADITIONAL.splitlines())


@pytest.mark.parametrize(
    "bom, codec",
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_bom(tmp_path, bom, codec):
    source = read_source(_write(tmp_path, bom + ZH.encode(codec)))
    assert source.encoding == "utf-16"
    assert source.lines == ZH_LINES
    assert not source.lines[0].startswith("\ufeff")


def test_utf16_bom_with_truncated_body_is_input_error(tmp_path):
    path = _write(tmp_path, codecs.BOM_UTF16_LE + "一、总体情况".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert "utf-16" in info.value.zh


def test_undecodable_bytes_are_input_error(tmp_path):
    path = _write(tmp_path, b"abc\x80")
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 无法识别文件编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5）"


# --- line breaks -------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_line_breaks_keep_line_numbers(tmp_path, newline):
    text = newline.join(["第一行", "", "第三行", "第四行"]) + newline
    source = read_source(_write(tmp_path, text.encode("utf-8")))
    assert source.lines == ("第一行", "", "第三行", "第四行")
    assert source.line(1) == "第一行"
    assert source.line(2) == ""
    assert source.line(3) == "第三行"
    assert source.line(4) == "第四行"
    assert source.line(5) == ""  # out of range
    assert source.line(0) == ""


def test_mixed_line_breaks_and_no_final_newline():
    assert split_lines("a\r\nb\rc\nd") == ("a", "b", "c", "d")
    # CR LF is one break, LF CR is two (an empty line between)
    assert split_lines("a\n\rb") == ("a", "", "b")


def test_form_feed_and_unicode_separators_do_not_split_lines():
    # str.splitlines would split on these and shift every later line number.
    assert split_lines("a\x0cb\nc\x1cd\ne\u2028f\ng\u2029h\ni\x85j\n") == (
        "a\x0cb",
        "c\x1cd",
        "e\u2028f",
        "g\u2029h",
        "i\x85j",
    )


def test_crlf_bytes_keep_line_numbers_in_gb18030(tmp_path):
    text = "一、总体情况\r\n\r\n本机关全年收到政府信息公开申请2件。\r\n"
    source = read_source(_write(tmp_path, text.encode("gb18030")))
    assert source.encoding == "gb18030"
    assert source.lines == ("一、总体情况", "", "本机关全年收到政府信息公开申请2件。")
    assert "\r" not in source.text


# --- empty and binary input ----------------------------------------------------


def test_empty_file(tmp_path):
    path = _write(tmp_path, b"")
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件为空"


@pytest.mark.parametrize("data", [b"   ", b" \n\t \r\n\n", b"\r\r\r"], ids=["spaces", "mixed", "cr"])
def test_whitespace_only_file(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件为空"


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n", "\u3000\u3000\n\u3000".encode("utf-8"), codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
    ids=["bom-only", "bom-spaces", "ideographic-spaces", "utf16-spaces"],
)
def test_no_text_after_decoding(tmp_path, data):
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件没有任何文字内容"


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG 图片"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP/DOCX 压缩包"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word (.doc) 或 Office 二进制文件（请在 Word 或 WPS 中另存为 .docx）"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG 图片"),
    ],
    ids=["png", "docx", "pdf", "doc", "jpeg"],
)
def test_binary_magic(tmp_path, data, what):
    path = _write(tmp_path, data, "report.txt")  # the name must not matter
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 这是{what}，不是纯文本报告；请提供 .txt 文本"


def test_nul_bytes_in_undecodable_data(tmp_path):
    path = _write(tmp_path, b"\x00\x01\x02\x03\xff\xfe\x80\x00garbage\x00")
    # starts with FF FE? no: it starts with NUL, so no BOM applies
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件含有二进制内容（NUL 字节），不是文本报告（不带 BOM 的 UTF-16 请另存为 UTF-8）"


def test_nul_bytes_in_valid_utf8_are_binary(tmp_path):
    path = _write(tmp_path, "一、总体情况\n".encode("utf-8") + b"\x00\x00\x00\x00\x01\x00")
    with pytest.raises(InputError) as info:
        read_source(path)
    assert info.value.zh == f"{path}: 文件含有二进制内容（NUL 字节），不是文本报告（不带 BOM 的 UTF-16 请另存为 UTF-8）"


# --- paths -------------------------------------------------------------------


def test_file_over_max_bytes(tmp_path):
    data = ZH.encode("utf-8")
    path = _write(tmp_path, data)
    with pytest.raises(InputError) as info:
        read_source(path, max_bytes=100)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件大小 {len(data)} 字节，超过上限 100 字节（可用 --max-bytes 调整）"
    # exactly at the limit is fine
    assert read_source(path, max_bytes=len(data)).lines == ZH_LINES


def test_missing_path(tmp_path):
    path = str(tmp_path / "没有这个文件.txt")
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 文件不存在"
    assert info.value.en == f"{path}: no such file"


def test_folder_passed_as_file(tmp_path):
    path = str(tmp_path)
    with pytest.raises(InputError) as info:
        read_source(path)
    _assert_one_line_chinese(info.value, path)
    assert info.value.zh == f"{path}: 这是一个文件夹"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):  # pragma: no cover - not run as root
    path = _write(tmp_path, ZH.encode("utf-8"))
    os.chmod(path, 0)
    try:
        with pytest.raises(InputError) as info:
            read_source(path)
        assert info.value.zh == f"{path}: 没有读取权限"
    finally:
        os.chmod(path, 0o644)


def test_decode_and_source_from_bytes_name_the_given_path():
    with pytest.raises(InputError) as info:
        source_from_bytes(b"", "甲.txt")
    assert info.value.zh == "甲.txt: 文件为空"
    assert decode("统计期限".encode("utf-8"), "x") == ("统计期限", "utf-8")


# --- standard input, through a real process -----------------------------------

CLI = [sys.executable, "-c", "import sys; from gklint.cli import main; sys.exit(main())"]


def _cli(args, data: bytes, cwd):
    return subprocess.run([*CLI, *args], input=data, capture_output=True, cwd=cwd, timeout=120)


def test_stdin_dash_reads_gb18030_report(tmp_path):
    text = "一、总体情况\r\n本报告由北留镇人民政府编制。\r\n"
    proc = _cli(["--format", "concise", "--select", "GK104", "-"], text.encode("gb18030"), tmp_path)
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode("utf-8")
    assert out.splitlines()[-1] == "共 0 个问题（错误 0，警告 0，提示 0），1 个文件"
    assert proc.stderr == b""


def test_stdin_dash_reports_findings_under_stdin_name(tmp_path):
    proc = _cli(["--format", "concise", "--select", "GK104", "-"], "一、总体情况\n".encode("utf-8"), tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("<stdin>:1:3: GK104 [错误] ")
    assert lines[-1] == "共 1 个问题（错误 1，警告 0，提示 0），1 个文件"


@pytest.mark.parametrize(
    "data, args, message",
    [
        (b"", [], "<stdin>: 文件为空"),
        (b"\x89PNG\r\n\x1a\n", [], "<stdin>: 这是PNG 图片，不是纯文本报告；请提供 .txt 文本"),
        ("一、总体情况\n".encode("utf-8"), ["--max-bytes", "5"], "<stdin>: 输入超过上限 5 字节（可用 --max-bytes 调整）"),
    ],
    ids=["empty", "png", "too-large"],
)
def test_stdin_errors_exit_2_with_one_line(tmp_path, data, args, message):
    proc = _cli(["--format", "concise", *args, "-"], data, tmp_path)
    assert proc.returncode == 2
    out = proc.stdout.decode("utf-8").splitlines()
    assert out[0] == message
    assert b"Traceback" not in proc.stderr
