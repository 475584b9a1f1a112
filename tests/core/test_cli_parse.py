"""`ipstrategy parse` and `ipstrategy agencies resolve`: output, and clean failures on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ipstrategy.cli import main

SEED = Path(__file__).resolve().parents[2] / "src" / "ipstrategy" / "data" / "plans" / "001_2f910b4b67935e32.txt"


def test_parse_json_to_stdout(capsys):
    assert main(["parse", str(SEED)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert len(plan["tasks"]) == 90
    assert plan["tasks"][13]["targets"][0]["comparator"] == "about"


def test_parse_table_summary(capsys):
    assert main(["parse", str(SEED), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "90 tasks" in out and "SIPO" in out and "Enhance Quality" in out


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "binary.txt").write_bytes(b"\x00\x01\x02\x89PNG\x00" * 50)
    (tmp / "latin1.txt").write_bytes("Plan für Maßnahmen à côté — «x»".encode("cp1252") + bytes(range(0x80, 0xA0)))
    (tmp / "plan.xyz").write_text("a plan", encoding="utf-8")
    (tmp / "fake.docx").write_text("not a zip", encoding="utf-8")
    (tmp / "fake.pdf").write_text("not a pdf", encoding="utf-8")
    return {
        "missing": (tmp / "nope.txt", "not found"),
        "directory": (tmp, "directory"),
        "empty": (tmp / "empty.txt", "empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "undecodable": (tmp / "latin1.txt", "decode"),
        "extension": (tmp / "plan.xyz", ".xyz"),
        "docx": (tmp / "fake.docx", "Word"),
        "pdf": (tmp / "fake.pdf", "PDF"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "binary", "undecodable", "extension", "docx", "pdf"])
def test_bad_input_is_one_line_on_stderr_with_exit_2(case, tmp_path, capsys):
    path, reason = _bad_inputs(tmp_path)[case]
    assert main(["parse", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert reason.lower() in lines[0].lower()


def test_installed_entry_point_exits_2_on_missing_file(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "ipstrategy.cli", "parse", str(tmp_path / "x.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == "" and "x.txt" in proc.stderr


def test_agencies_resolve_shows_successor_chain(capsys):
    assert main(["agencies", "resolve", "SAIC", "--on", "2012"]) == 0
    out = capsys.readouterr().out
    assert "SAIC" in out and "SAMR" in out and "CNIPA" in out  # trademark functions went to CNIPA


def test_agencies_resolve_json_and_date(capsys):
    assert main(["agencies", "resolve", "State Intellectual Property Office", "--on", "2021-10-09", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "CNIPA"
    assert main(["agencies", "resolve", "State Intellectual Property Office", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["method"] == "ambiguous"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("parse", "agencies", "init", "import", "plans", "serve"):
        assert command in out


def test_parsing_a_text_file_imports_no_reader_or_command_it_does_not_use(tmp_path: Path):
    """Start-up: a .txt parse loads neither the docx/pdf/html readers nor the lineage index."""
    doc = tmp_path / "one.txt"
    doc.write_text("2023年知识产权工作要点\n", encoding="utf-8")
    probe = (
        "import sys, io, contextlib\n"
        "from ipstrategy.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['parse', {str(doc)!r}])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'pypdf', 'lxml', 'fpdf', 'rich')"
        " or m.startswith(('ipstrategy.core.lineage', 'ipstrategy.core.parsing.readers.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == (
        "['ipstrategy.core.parsing.readers.decode', 'ipstrategy.core.parsing.readers.markers', "
        "'ipstrategy.core.parsing.readers.text']"
    )
