"""``--format json``: a stable, documented schema (docs/output.schema.json)."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gklint.cli import main
from gklint.outputs.json_report import run_dict

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "beiliu-2025.txt"
SCHEMA_PATH = ROOT / "docs" / "output.schema.json"

TOP_KEYS = {"version", "files", "plugin_failures", "baseline", "summary"}
FILE_KEYS = {"path", "agency", "year", "encoding", "error", "findings"}
FINDING_KEYS = {
    "code",
    "name",
    "severity",
    "message",
    "message_zh",
    "message_en",
    "line",
    "column",
    "end_line",
    "end_column",
    "section",
    "cell",
    "place",
    "expected",
    "actual",
    "related",
    "fingerprint",
    "count",
}
SUMMARY_KEYS = {"files", "findings", "error", "warning", "info", "input_errors", "plugin_failures", "suppressed", "stale_baseline"}

# A report with many findings in one place: only the heading of part 一.
BARE = "一、总体情况\n"


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(EXAMPLE, work / "report.txt")
    (work / "bare.txt").write_text(BARE, encoding="utf-8")
    monkeypatch.chdir(work)
    return work


def json_run(argv, capsys) -> tuple[int, str]:
    code = main(["--format", "json", *argv])
    return code, capsys.readouterr().out


def load(argv, capsys) -> dict:
    return json.loads(json_run(argv, capsys)[1])


# --- keys and values -----------------------------------------------------------------


def test_top_level_keys(capsys):
    data = load(["report.txt"], capsys)
    assert list(data) == ["version", "files", "plugin_failures", "baseline", "summary"]
    assert data["baseline"] is None
    assert data["version"] == 1
    assert data["plugin_failures"] == []
    assert data["summary"] == {
        "files": 1, "findings": 2, "error": 0, "warning": 1, "info": 1, "input_errors": 0, "plugin_failures": 0,
        "suppressed": 0, "stale_baseline": 0,
    }
    assert set(data["summary"]) == SUMMARY_KEYS


def test_file_keys_and_values(capsys):
    (file,) = load(["report.txt"], capsys)["files"]
    assert set(file) == FILE_KEYS
    assert file["path"] == "report.txt"
    assert file["agency"] == "北留镇人民政府"
    assert file["year"] == 2025
    assert file["encoding"] == "utf-8"
    assert file["error"] is None
    assert [finding["code"] for finding in file["findings"]] == ["GK124", "GK103"]


def test_finding_keys_and_values(capsys):
    findings = load(["report.txt"], capsys)["files"][0]["findings"]
    for finding in findings:
        assert set(finding) == FINDING_KEYS
    gk103 = findings[1]
    fingerprint = gk103.pop("fingerprint")
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint)
    assert gk103 == {
        "code": "GK103",
        "name": "section-title",
        "severity": "warning",
        "message": "第五部分标题“存在的主要问题及改进措施”不是标准表述，应为“存在的主要问题及改进情况”",
        "message_zh": "第五部分标题“存在的主要问题及改进措施”不是标准表述，应为“存在的主要问题及改进情况”",
        "message_en": "the title of part 五 (存在的主要问题及改进情况) reads “存在的主要问题及改进措施”; "
        "the standard wording is “存在的主要问题及改进情况”",
        "line": 90,
        "column": 6,
        "end_line": 90,
        "end_column": 18,
        "section": "五",
        "cell": None,
        "place": None,
        "expected": "存在的主要问题及改进情况",
        "actual": "存在的主要问题及改进措施",
        "related": [],
        "count": 1,
    }
    gk124 = findings[0]
    assert (gk124["line"], gk124["column"], gk124["end_line"], gk124["end_column"]) == (5, 4, 5, 22)
    assert gk124["section"] is None  # in the preamble
    assert gk124["severity"] == "info"


def test_span_points_at_the_original_text(capsys):
    findings = load(["report.txt"], capsys)["files"][0]["findings"]
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    gk103 = findings[1]
    assert lines[gk103["line"] - 1][gk103["column"] - 1 : gk103["end_column"] - 1] == gk103["actual"]


def test_lang_en_selects_the_english_message(capsys):
    findings = load(["--lang", "en", "report.txt"], capsys)["files"][0]["findings"]
    for finding in findings:
        assert finding["message"] == finding["message_en"]
        assert finding["message_zh"] != finding["message_en"]
    assert findings[0]["message"] == "no statistics period is stated; say at the start which period the figures cover"


def test_chinese_is_written_as_utf8_not_escaped(capsys):
    _, out = json_run(["report.txt"], capsys)
    assert '"agency": "北留镇人民政府"' in out
    assert "\\u" not in out
    assert out.endswith("}\n")


def test_input_error_file_entry(capsys):
    code, out = json_run(["missing.txt", "report.txt"], capsys)
    assert code == 2
    data = json.loads(out)
    missing, report = data["files"]
    assert missing == {"path": "missing.txt", "agency": None, "year": None, "encoding": None, "error": "missing.txt: 文件不存在", "findings": []}
    assert report["error"] is None
    assert data["summary"]["input_errors"] == 1
    assert data["summary"]["files"] == 2


def test_summary_counts_match_findings(capsys):
    data = load(["report.txt", "bare.txt"], capsys)
    findings = [finding for file in data["files"] for finding in file["findings"]]
    summary = data["summary"]
    assert summary["findings"] == len(findings)
    for severity in ("error", "warning", "info"):
        assert summary[severity] == sum(1 for finding in findings if finding["severity"] == severity)
    assert summary["error"] > 0


# --- order and stability -------------------------------------------------------------


def test_findings_sorted_by_line_then_column(capsys):
    (file,) = load(["bare.txt"], capsys)["files"]
    positions = [(finding["line"], finding["column"]) for finding in file["findings"]]
    assert len(positions) >= 5
    assert positions == sorted(positions)
    assert positions[0] == (1, 1)
    assert positions[-1] == (1, 3)
    # the example, too
    (file,) = load(["report.txt"], capsys)["files"]
    assert [(finding["line"], finding["column"]) for finding in file["findings"]] == [(5, 4), (90, 6)]


def test_same_input_gives_byte_identical_output(capsys):
    first = json_run(["report.txt", "bare.txt"], capsys)[1]
    second = json_run(["report.txt", "bare.txt"], capsys)[1]
    assert first == second


def test_byte_identical_across_processes_and_hash_seeds(workdir):
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", "import sys; from gklint.cli import main; sys.exit(main())", "--format", "json", "report.txt", "bare.txt"],
            capture_output=True,
            cwd=workdir,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["files"] == 2


def _by_code(data: dict) -> dict[tuple[str, str], dict]:
    return {(finding["code"], finding["message"]): finding for finding in data["files"][0]["findings"]}


def test_fingerprint_survives_a_blank_line_above(workdir, capsys):
    before = _by_code(load(["report.txt"], capsys))
    text = EXAMPLE.read_text(encoding="utf-8")
    (workdir / "report.txt").write_text("\n" + text, encoding="utf-8")
    after = _by_code(load(["report.txt"], capsys))
    assert set(before) == set(after) and len(before) == 2
    for key, finding in before.items():
        assert after[key]["line"] == finding["line"] + 1
        assert after[key]["fingerprint"] == finding["fingerprint"]


def test_fingerprint_survives_a_blank_line_between_findings(workdir, capsys):
    before = _by_code(load(["report.txt"], capsys))
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    lines.insert(50, "")  # between line 5 (GK124) and line 90 (GK103)
    (workdir / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    after = _by_code(load(["report.txt"], capsys))
    gk124 = next(key for key in before if key[0] == "GK124")
    gk103 = next(key for key in before if key[0] == "GK103")
    assert after[gk124]["line"] == before[gk124]["line"] == 5
    assert after[gk103]["line"] == before[gk103]["line"] + 1 == 91
    assert after[gk103]["fingerprint"] == before[gk103]["fingerprint"]
    assert after[gk124]["fingerprint"] == before[gk124]["fingerprint"]


def test_fingerprints_tell_findings_apart(capsys):
    findings = load(["bare.txt"], capsys)["files"][0]["findings"]
    fingerprints = [finding["fingerprint"] for finding in findings]
    assert len(set(fingerprints)) == len(fingerprints)


def test_fingerprint_changes_when_the_finding_changes(workdir, capsys):
    before = load(["report.txt"], capsys)["files"][0]["findings"][1]
    text = EXAMPLE.read_text(encoding="utf-8").replace("存在的主要问题及改进措施", "存在问题和改进情况")
    (workdir / "report.txt").write_text(text, encoding="utf-8")
    after = load(["report.txt"], capsys)["files"][0]["findings"][1]
    assert after["code"] == "GK103" and after["line"] == before["line"]
    assert after["actual"] == "存在问题和改进情况"
    assert after["fingerprint"] != before["fingerprint"]


# --- the JSON Schema -----------------------------------------------------------------


def _schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def mini_validate(instance, schema: dict, root: dict, where: str = "$") -> list[str]:
    """The subset of JSON Schema that docs/output.schema.json uses, so the
    schema is exercised even without the ``jsonschema`` package."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return mini_validate(instance, target, root, where)
    errors = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[name](instance) for name in types):
            return [f"{where}: {instance!r} is not of type {types}"]
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{where}: {instance!r} != {schema['const']!r}")
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{where}: {instance!r} not in {schema['enum']!r}")
    if isinstance(instance, str):
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errors.append(f"{where}: {instance!r} does not match {schema['pattern']}")
        if len(instance) < schema.get("minLength", 0):
            errors.append(f"{where}: {instance!r} is too short")
    if _TYPES["number"](instance):
        if "minimum" in schema and instance < schema["minimum"]:
            errors.append(f"{where}: {instance} < {schema['minimum']}")
        if "maximum" in schema and instance > schema["maximum"]:
            errors.append(f"{where}: {instance} > {schema['maximum']}")
    if isinstance(instance, dict):
        for key in schema.get("required", ()):
            if key not in instance:
                errors.append(f"{where}: missing {key!r}")
        properties = schema.get("properties", {})
        for key, value in instance.items():
            if key in properties:
                errors += mini_validate(value, properties[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected key {key!r}")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            errors += mini_validate(item, schema["items"], root, f"{where}[{index}]")
    return errors


def _documents(capsys) -> list[dict]:
    from gklint.linter import Linter, RunResult

    documents = [
        load(["report.txt"], capsys),
        load(["bare.txt", "missing.txt"], capsys),
        load(["--lang", "en", "report.txt"], capsys),
    ]
    # a run with a plugin failure, built directly
    run = Linter().lint_paths(["report.txt"])
    run = RunResult(files=run.files, failures=[("broken", "ImportError: no module named broken")])
    documents.append(json.loads(json.dumps(run_dict(run, "zh"), ensure_ascii=False)))
    return documents


def test_schema_file_is_valid_json_with_the_documented_keys():
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == TOP_KEYS
    assert set(schema["$defs"]["file"]["required"]) == FILE_KEYS
    assert set(schema["$defs"]["finding"]["required"]) == FINDING_KEYS
    assert set(schema["properties"]["summary"]["required"]) == SUMMARY_KEYS


def test_output_matches_schema_structurally(capsys):
    schema = _schema()
    for document in _documents(capsys):
        assert mini_validate(document, schema, schema) == []


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(extra=1),
        lambda d: d.update(version=2),
        lambda d: d["files"][0].pop("agency"),
        lambda d: d["files"][0]["findings"][0].update(severity="fatal"),
        lambda d: d["files"][0]["findings"][0].update(line=0),
        lambda d: d["files"][0]["findings"][0].update(fingerprint="XYZ"),
        lambda d: d["files"][0]["findings"][0].update(section="七"),
        lambda d: d["files"][0]["findings"][0].update(column=True),
        lambda d: d["summary"].update(error=-1),
        lambda d: d["plugin_failures"].append({"plugin": "x"}),
    ],
    ids=["extra-key", "version", "no-agency", "severity", "line-0", "fingerprint", "section", "bool-column", "negative-count", "failure-no-reason"],
)
def test_schema_rejects_wrong_documents(capsys, mutate):
    schema = _schema()
    document = copy.deepcopy(load(["report.txt"], capsys))
    mutate(document)
    assert mini_validate(document, schema, schema) != []


def test_output_validates_with_jsonschema(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for document in _documents(capsys):
        errors = sorted(validator.iter_errors(document), key=str)
        assert errors == []


def test_error_entry_for_an_empty_folder_names_the_folder(workdir, capsys):
    (workdir / "empty").mkdir()
    code, out = json_run(["empty"], capsys)
    assert code == 2
    (file,) = json.loads(out)["files"]
    assert file["error"] == "empty: 文件夹中没有报告文件（.txt、.md、.text、.markdown、.pdf、.docx、.doc、.wps、.html、.htm、.shtml）"
    assert file["path"] == "empty"
