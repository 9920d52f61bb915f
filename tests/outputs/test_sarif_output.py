"""``--format sarif``: valid against the official SARIF 2.1.0 schema (OASIS),
with rules, places, fingerprints and notifications where consumers look."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import DEFECTS, EXAMPLE, NASTY, ROOT, lint, render

from gklint import __version__
from gklint.cli import main
from gklint.linter import RunResult
from gklint.outputs.sarif import artifact_uri, sarif_log
from gklint.registry import build_registry

SCHEMA_PATH = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
#: RFC 3986 URI-reference characters (the schema says format uri-reference;
#: jsonschema checks that format only with optional extras, so we do).
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


@pytest.fixture(scope="module")
def validator():
    raw = SCHEMA_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "the vendored official schema was changed"
    schema = json.loads(raw)
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def valid(validator, text: str) -> dict:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:10])
    for uri in _uris(log):
        assert URI_REFERENCE.match(uri), uri
    return log


def _uris(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uri":
                yield value
            else:
                yield from _uris(value)
    elif isinstance(node, list):
        for value in node:
            yield from _uris(value)


# --- the example reports ------------------------------------------------------------


def test_example_is_valid_sarif(validator, example_run):
    log = valid(validator, render("sarif", example_run))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gklint"
    assert driver["version"] == __version__
    assert [result["ruleId"] for result in run["results"]] == ["GK124", "GK103"]
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_are_those_that_ran(validator, example_run):
    log = valid(validator, render("sarif", example_run))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in example_run.rules]
    assert len(rules) >= 20
    registry = build_registry()
    for rule in rules:
        entry = registry.get(rule["id"]).rule
        assert rule["name"] == entry.name
        assert rule["shortDescription"]["text"] == entry.title_zh
        assert rule["fullDescription"]["text"] == entry.what
        for part in (entry.what, entry.why, entry.basis):
            assert part in rule["help"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[entry.severity.value]
        assert rule["defaultConfiguration"]["level"] == level
    # every result points at its rule
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_result_place_and_fingerprint(validator, example_run):
    log = valid(validator, render("sarif", example_run))
    gk103 = log["runs"][0]["results"][1]
    finding = example_run.findings[1]
    assert gk103["level"] == "warning"
    assert gk103["message"]["text"] == finding.message.zh
    assert gk103["partialFingerprints"] == {"gklint/v1": finding.fingerprint}
    (location,) = gk103["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": EXAMPLE},
        "region": {"startLine": 90, "startColumn": 6, "endLine": 90, "endColumn": 18},
    }
    assert location["logicalLocations"] == [{"name": "第五部分", "fullyQualifiedName": "五", "kind": "section"}]
    assert gk103["properties"]["section"] == "五"
    assert gk103["properties"]["expected"] == "存在的主要问题及改进情况"
    gk124 = log["runs"][0]["results"][0]
    assert gk124["level"] == "note"
    assert "logicalLocations" not in gk124["locations"][0]


def test_english(validator, example_run):
    log = valid(validator, render("sarif", example_run, lang="en"))
    run = log["runs"][0]
    assert run["results"][1]["message"]["text"] == example_run.findings[1].message.en
    assert run["results"][1]["locations"][0]["logicalLocations"][0]["name"] == "part 五"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["GK103"]["shortDescription"]["text"] == build_registry().get("GK103").rule.title_en
    assert run["language"] == "en-US"


def test_defects_report(validator, defects_run):
    log = valid(validator, render("sarif", defects_run))
    results = log["runs"][0]["results"]
    assert [result["ruleId"] for result in results] == [finding.code for finding in defects_run.findings]
    assert {result["level"] for result in results} == {"error", "warning"}
    for result, finding in zip(results, defects_run.findings):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.location.line, finding.location.column)
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == DEFECTS


def test_deterministic(defects_run):
    assert render("sarif", defects_run) == render("sarif", defects_run)


# --- everything at once, hostile text -----------------------------------------------------


def test_made_up_run_is_valid(validator, made_up_run):
    text = render("sarif", made_up_run)
    log = valid(validator, text)
    run = log["runs"][0]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    kinds = [note["descriptor"]["id"] for note in notes]
    assert kinds == ["input-error", "plugin-failure", "stale-baseline"]
    assert notes[0]["level"] == "error" and "文件不存在" in notes[0]["message"]["text"]
    assert notes[1]["level"] == "error" and "evil<plugin>" in notes[1]["message"]["text"] and NASTY in notes[1]["message"]["text"]
    assert notes[2]["level"] == "note"
    # a result whose rule the run did not list is still described
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert {"GK999", "GK998", "GK997", "GK996", "GK995"} <= set(ids)
    # hostile text survives JSON exactly
    gk999 = next(result for result in run["results"] if result["ruleId"] == "GK999")
    assert gk999["message"]["text"] == "中文：" + NASTY
    assert gk999["properties"]["actual"] == '-"quoted", \\ <b>'


def test_related_locations_and_cell(validator, made_up_run):
    log = valid(validator, render("sarif", made_up_run))
    gk999 = next(result for result in log["runs"][0]["results"] if result["ruleId"] == "GK999")
    related = gk999["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2]
    assert related[0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 1, "endLine": 5, "endColumn": 3}
    assert related[1]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 2, "endLine": 7, "endColumn": 3}
    logical = gk999["locations"][0]["logicalLocations"]
    assert {"name": "t3.new.total", "fullyQualifiedName": "三/t3.new.total", "kind": "cell"} in logical
    assert gk999["properties"]["cell"] == "t3.new.total"
    uri = gk999["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "reports/a%20dir/%E6%8A%A5%E5%91%8A%20%3C1%3E.txt"


def test_multiline_region(validator, made_up_run):
    log = valid(validator, render("sarif", made_up_run))
    gk996 = next(result for result in log["runs"][0]["results"] if result["ruleId"] == "GK996")
    assert gk996["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 4, "endLine": 3, "endColumn": 3}


def test_nasty_report_is_valid(validator, nasty_run):
    for lang in ("zh", "en"):
        log = valid(validator, render("sarif", nasty_run, lang=lang))
        messages = [result["message"]["text"] for result in log["runs"][0]["results"]]
        assert any("<script>" in message for message in messages)


def test_input_error_only(validator):
    run = lint(["examples/no-such-report.txt"])
    log = valid(validator, render("sarif", run))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "examples/no-such-report.txt"
    assert log["runs"][0]["results"] == []


# --- rules and paths -------------------------------------------------------------------


def test_rules_option_and_registry_fallback(validator, example_run):
    registry = build_registry()
    only = [registry.get("GK103").rule, registry.get("GK124").rule]
    log = sarif_log(example_run, "zh", rules=only)
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]] == ["GK103", "GK124"]
    # a run made without the linter (no rules recorded): the whole registry
    bare = RunResult(files=example_run.files)
    log = valid(validator, json.dumps(sarif_log(bare, "zh")))
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]] == [entry.code for entry in registry]
    # registry entries, and (rule, plugin) pairs, are accepted too
    assert [r["id"] for r in sarif_log(bare, rules=[registry.get("GK101")])["runs"][0]["tool"]["driver"]["rules"]] == ["GK101", "GK103", "GK124"]
    assert [r["id"] for r in sarif_log(bare, rules=[(registry.get("GK101").rule(), "builtin")])["runs"][0]["tool"]["driver"]["rules"]] == [
        "GK101",
        "GK103",
        "GK124",
    ]


def test_artifact_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri("a/b.txt") == "a/b.txt"
    assert artifact_uri(str(tmp_path / "sub" / "r.txt")) == "sub/r.txt"
    assert artifact_uri("<stdin>") == "%3Cstdin%3E"
    assert artifact_uri("-") == "%3Cstdin%3E"
    assert artifact_uri("年报 2025#1?.txt") == "%E5%B9%B4%E6%8A%A5%202025%231%3F.txt"
    outside = Path("/elsewhere/r.txt")
    assert artifact_uri(str(outside)) == "file:///elsewhere/r.txt"


def test_cli(validator, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(["--format", "sarif", DEFECTS])
    assert code == 1
    log = valid(validator, capsys.readouterr().out)
    assert len(log["runs"][0]["results"]) == 6
    code = main(["--format", "sarif", "--lang", "en", EXAMPLE, "no-such.txt"])
    assert code == 2
    log = valid(validator, capsys.readouterr().out)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
