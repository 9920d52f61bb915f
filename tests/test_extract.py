"""gklint extract: the parsed model as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from gklint.cli import main

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "beiliu-2025.txt")


def test_extract_json_has_metadata_parts_and_every_cell(capsys) -> None:
    assert main(["extract", EXAMPLE]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1
    (report,) = data["reports"]
    assert (report["agency"], report["year"]) == ("北留镇人民政府", 2025)
    assert [p["line"] for p in report["parts"]] == [7, 33, 51, 83, 90, 116]
    t3 = report["tables"]["t3"]
    assert t3["status"] == "read"
    assert len(t3["cells"]) == 25 * 7
    assert t3["cells"]["t3.new.natural_person"] == {
        "key": "t3.new.natural_person", "value": 2, "kind": "number", "raw": "2", "unit": None, "line": 56, "column": 19,
        "read": "grid",
    }
    assert {cell["read"] for table in report["tables"].values() for cell in table["cells"].values()} == {"grid"}
    assert t3["cells"]["t3.unable_not_held.total"]["value"] == 2
    assert t3["cells"]["t3.total.total"]["value"] == 3
    assert report["tables"]["t2"]["cells"]["t2.licensing.decisions"]["value"] == 99
    assert len(report["tables"]["t4"]["cells"]) == 15


def test_extract_csv_one_row_per_cell(capsys) -> None:
    assert main(["extract", EXAMPLE, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 10 + 25 * 7 + 15
    penalty = next(r for r in rows if r["key"] == "t2.penalty.decisions")
    assert (penalty["value"], penalty["kind"], penalty["line"], penalty["read"]) == ("7", "number", "45", "grid")


def test_extract_missing_file_is_exit_2(capsys, tmp_path) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    captured = capsys.readouterr()
    assert "文件不存在" in captured.err
    assert json.loads(captured.out)["errors"][0]["error"].endswith("文件不存在")
