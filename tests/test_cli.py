"""The press-extract command line, end to end on invented inputs."""
from __future__ import annotations

import json
import os

from conftest import jsonl

RELEASE = ("Land fördert Radwege\n"
           "Hannover, 12.02.2026 – Das Land Niedersachsen stellt rund 2 Millionen Euro bereit.\n")


def test_extract_stdin_gives_one_valid_record(cli):
    code, out, err = cli("extract", "-", stdin=RELEASE.encode())
    assert code == 0, err
    (rec,) = jsonl(out)
    assert rec["title"] == "Land fördert Radwege"
    assert rec["schema_version"] == "1.0"
    assert rec["id"].startswith("pr-")
    assert rec["text"].startswith("Land fördert Radwege")


def test_same_input_same_id(cli, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(RELEASE, encoding="utf-8")
    ids = {jsonl(cli("extract", str(f))[1])[0]["id"] for _ in range(2)}
    assert len(ids) == 1


def test_extract_batch_goes_on_past_bad_inputs(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(RELEASE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    out_file = tmp_path / "out.jsonl"
    code, out, err = cli("extract", str(empty), str(binary), str(tmp_path / "missing.txt"), str(good), "-o", str(out_file))
    assert code == 1
    assert f"{empty}: empty input" in err
    assert f"{binary}: binary content" in err
    assert "missing.txt: no such file" in err
    recs = jsonl(out_file.read_text(encoding="utf-8"))
    assert [r["source"]["path"] for r in recs] == [str(good)]


def test_run_writes_records_and_manifest_atomically(cli, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"r{i}.txt").write_text(RELEASE.replace("2 Millionen", f"{i + 2} Millionen"), encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    out = tmp_path / "out"
    code, _, err = cli("run", str(src), "--out", str(out), "-q")
    assert code == 1
    assert len(jsonl("".join(p.read_text(encoding="utf-8") for p in (out / "records").glob("part-*.jsonl")))) == 3
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["records"] == 3 and manifest["failed"] == 1
    assert manifest["failures"][0]["reason"].startswith("empty input")
    assert not [n for n in os.listdir(out) + os.listdir(out / "records") if n.endswith(".tmp")]


def test_schema_command_prints_json_schema(cli):
    code, out, _ = cli("schema")
    schema = json.loads(out)
    assert code == 0
    assert {"id", "source", "text", "people", "amounts", "dates", "programs", "regions"} <= set(schema["properties"])


def test_usage_error_exit_code(cli):
    import pytest

    with pytest.raises(SystemExit) as e:
        cli("extract")
    assert e.value.code == 2
    code, _, err = cli("extract", "-", "--set", "nonsense", stdin=b"x")
    assert code == 2 and "COMPONENT.KEY=VALUE" in err
