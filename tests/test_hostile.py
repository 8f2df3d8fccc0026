"""The hostile-file corpus: crafted and broken inputs are bounded, contained and never silent.

Each folder in tests/hostile/ holds the files that differ from `_base/` (a small valid engagement)
and a case.yaml: the command, its arguments, the exit code, the fragments the message must hold
(file and problem) and what must not appear (a line of a file outside the engagement). Big files
are generated here in tmp_path (`generate:`), never committed. Every case runs the real `kit`
command in a child process limited in time and measured in memory (ru_maxrss of the child and
its notebook kernels); the test checks the exit code, the message, that no traceback or
"Unexpected error" is shown, that nothing outside the engagement changed and that earlier
reports stayed byte-identical (unless the case publishes new ones).

Set HOSTILE_REPORT=/some/file.jsonl to collect the time and peak memory of every case.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from shared_builders import case_arguments, case_engagement, previous_reports

CORPUS = Path(__file__).parent / "hostile"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())
SECRET = "TOP-SECRET-LINE"  # noqa: S105 - a marker line, not a password
MAX_SECONDS = 60.0
MAX_PEAK_BYTES = 1 << 30  # 1 GB
HYPERLINK = '=HYPERLINK("http://x","click")'


# --- running the CLI as a bounded child process ----------------------------------------------


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def first_line(self) -> str:
        lines = [line for line in (self.stderr or self.stdout).splitlines() if line.strip()]
        return lines[0] if lines else ""


def run_kit(args: list[str], *, cwd: Path, seconds: float, fsize: int | None = None) -> Outcome:
    """Run `kit ARGS` in a child process; kill it after `seconds`; measure its peak memory."""

    def limits() -> None:
        os.umask(0o022)
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # backstop for the machine
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a too-big write fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    command = [sys.executable, "-c", "from kit.cli import main; main()", *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limits,
        start_new_session=True,
    )
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout)),
        threading.Thread(target=drain, args=("err", proc.stderr)),
    ]
    for reader in readers:
        reader.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > seconds:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and its notebook kernels
            os.wait4(proc.pid, 0)
            pytest.fail(f"kit {' '.join(args)} took longer than {seconds} s")
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return Outcome(
        code=proc.returncode,
        stdout=chunks.get("out", b"").decode("utf-8", "replace"),
        stderr=chunks.get("err", b"").decode("utf-8", "replace"),
        seconds=elapsed,
        peak_bytes=usage.ru_maxrss * 1024,  # Linux reports KiB
    )


# --- generated files ------------------------------------------------------------------------


def _set_invoices_xlsx(engagement: Path) -> Path:
    config = engagement / "engagement.yaml"
    text = config.read_text(encoding="utf-8").replace("data/invoices.csv", "data/invoices.xlsx")
    config.write_text(text, encoding="utf-8")
    return engagement / "data" / "invoices.xlsx"


def _workbook(path: Path, *, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date"])
    for row in rows:
        ws.append(row)
    wb.save(path)


_ROWS: list[list[object]] = [
    ["0001", "C1", "2026-05-01", "2026-05-31", 100.0, None],
    ["0002", "C1", "2026-05-10", "2026-06-09", 250.5, None],
]


def _rewrite(path: Path, entry: str, write: Callable[[Any], None]) -> None:
    """Replace one entry of a zip archive by what `write(handle)` writes (streamed)."""
    source = path.with_suffix(".orig")
    path.rename(source)
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new,
    ):
        for info in old.infolist():
            if info.filename == entry:
                with new.open(entry, "w", force_zip64=True) as handle:
                    write(handle)
            else:
                new.writestr(info, old.read(info.filename))
    source.unlink()


def _sheet_head(cells: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:F2"/><sheetData><row r="1">{cells}'
    ).encode()


def _huge_sheet(engagement: Path, cells: str, block: bytes, times: int, tail: bytes) -> None:
    """Point the invoices at a workbook whose first sheet is `block` written `times` times.

    The sheet starts with `cells` in its first row and ends with `tail`; it is streamed into the
    archive, so the file on disk stays small however large the sheet is unpacked.
    """
    path = _set_invoices_xlsx(engagement)
    _workbook(path, rows=_ROWS)

    def write(handle: Any) -> None:
        handle.write(_sheet_head(cells))
        for _ in range(times):
            handle.write(block)
        handle.write(tail)

    _rewrite(path, "xl/worksheets/sheet1.xml", write)


def gen_xlsx_huge_sheet(engagement: Path, tmp: Path) -> None:
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>' * 2000
    head = '<c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
    times = (1 << 30) // len(row) + 1  # 1 GB unpacked
    _huge_sheet(engagement, head, row, times, b"</sheetData></worksheet>")


def gen_xlsx_huge_cell(engagement: Path, tmp: Path) -> None:
    block = b"A" * (1 << 20)
    tail = b"</t></is></c></row></sheetData></worksheet>"
    # one 512 MB cell
    _huge_sheet(engagement, '<c r="A1" t="inlineStr"><is><t>', block, 512, tail)


def gen_xlsx_long_cell(engagement: Path, tmp: Path) -> None:
    path = _set_invoices_xlsx(engagement)
    _workbook(path, rows=_ROWS)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    long = sheet.replace(b"<t>C1</t>", b"<t>" + b"C" * 1_000_000 + b"</t>", 1)
    assert long != sheet
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda handle: handle.write(long))


def gen_xlsx_dimension(engagement: Path, tmp: Path) -> None:
    path = _set_invoices_xlsx(engagement)
    _workbook(path, rows=_ROWS)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    wide = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    assert wide != sheet
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda handle: handle.write(wide))


def gen_xlsx_truncated(engagement: Path, tmp: Path) -> None:
    path = _set_invoices_xlsx(engagement)
    _workbook(path, rows=_ROWS * 50)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    _rewrite(
        path, "xl/worksheets/sheet1.xml", lambda handle: handle.write(sheet[: len(sheet) // 2])
    )


def gen_xlsx_formula(engagement: Path, tmp: Path) -> None:
    path = _set_invoices_xlsx(engagement)
    rows = [list(r) for r in _ROWS]
    rows[0][5] = "=DATE(2026,5,20)"  # openpyxl saves formulas without a value, like many tools
    _workbook(path, rows=rows)


def gen_big_logo(engagement: Path, tmp: Path) -> None:
    with (engagement / "logo.png").open("wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(100_000_000)


def gen_big_engagement(engagement: Path, tmp: Path) -> None:
    config = engagement / "engagement.yaml"
    with config.open("a", encoding="utf-8") as handle:
        line = "# " + "x" * 97 + "\n"
        handle.write(line * 500_000)  # 50 MB


def gen_deep_engagement(engagement: Path, tmp: Path) -> None:
    config = engagement / "engagement.yaml"
    with config.open("a", encoding="utf-8") as handle:
        handle.write("team: " + "[" * 50_000 + "]" * 50_000 + "\n")


def gen_deep_map(engagement: Path, tmp: Path) -> None:
    text = "id: deep\nname: Deep\ndescription: " + "[" * 200 + "]" * 200 + "\nactivities: []\n"
    (engagement / "process_maps" / "deep.yaml").write_text(text, encoding="utf-8")


_BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def gen_deep_bpmn(engagement: Path, tmp: Path) -> None:
    depth = 3000
    opening = "".join(f'<subProcess id="s{i}">' for i in range(depth))
    text = (
        f'<?xml version="1.0"?><definitions xmlns="{_BPMN}"><process id="p">'
        f'{opening}<task id="t" name="Deep"/>{"</subProcess>" * depth}</process></definitions>'
    )
    (engagement / "model.bpmn").write_text(text, encoding="utf-8")


def gen_small_bpmn(engagement: Path, tmp: Path) -> None:
    text = (
        f'<?xml version="1.0"?><definitions xmlns="{_BPMN}"><process id="model">'
        '<startEvent id="s"/><task id="t1" name="Check"/><endEvent id="e"/>'
        '<sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>'
        '<sequenceFlow id="f2" sourceRef="t1" targetRef="e"/></process></definitions>'
    )
    (engagement / "model.bpmn").write_text(text, encoding="utf-8")


def gen_data_symlink(engagement: Path, tmp: Path) -> None:
    target = engagement / "data" / "invoices.csv"
    target.unlink()
    target.symlink_to("/etc/passwd")


def gen_map_symlink(engagement: Path, tmp: Path) -> None:
    outside = tmp / "outside" / "secret.yaml"
    outside.write_text(f"id: secret\nname: {SECRET}\nactivities: []\n", encoding="utf-8")
    (engagement / "process_maps" / "secret.yaml").symlink_to(outside)


def gen_reports_symlink(engagement: Path, tmp: Path) -> None:
    reports = engagement / "output" / "reports"
    shutil.move(reports, tmp / "outside" / "reports")
    reports.symlink_to(tmp / "outside" / "reports")


def gen_a_file(engagement: Path, tmp: Path) -> None:
    (tmp / "afile").write_text("a file, not a folder", encoding="utf-8")


GENERATORS: dict[str, Callable[[Path, Path], None]] = {
    name.removeprefix("gen_"): fn for name, fn in globals().items() if name.startswith("gen_")
}


# --- checks after a successful command ------------------------------------------------------


def check_handover_is_text(engagement: Path, tmp: Path, outcome: Outcome) -> dict[str, Any]:
    from openpyxl import load_workbook

    exports = engagement / "output" / "reports" / "exports"
    xlsx = next(exports.glob("*.xlsx"))
    ws = load_workbook(xlsx).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # not one formula
    hostile = next(c for c in cells if c.value == HYPERLINK)
    assert hostile.data_type == "s"
    for text in ("@0005", "+C3", "@SUM(1+1)", "-0006", "-C4", "-2+3", "=0004"):
        match = [c for c in cells if c.value == text]
        assert match and all(c.data_type == "s" for c in match), text
    with xlsx.with_suffix(".csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    flat = [cell for row in rows[1:] for cell in row]
    assert "'" + HYPERLINK in flat and HYPERLINK not in flat
    assert not [c for c in flat if c[:1] in ("=", "+", "-", "@")]  # each got its quote
    _check_modes(engagement / "output")
    return {"cell": hostile.coordinate, "data_type": hostile.data_type, "value": hostile.value}


def check_no_customer_names(engagement: Path, tmp: Path, outcome: Outcome) -> dict[str, Any]:
    import html

    reports = engagement / "output" / "reports"
    names = ["Müller Maschinenbau", "Özdemir Logistik"]
    forms = {
        f
        for n in names
        for f in (n, html.escape(n), n.encode("ascii", "xmlcharrefreplace").decode())
    }
    found = []
    for file in reports.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".csv", ".json", ".svg"):
            text = file.read_text(encoding="utf-8", errors="replace")
            found += [(file.name, f) for f in forms if f in text]
    assert found == []
    shown = (reports / "04_kpis.html").read_text(encoding="utf-8")
    assert "Customer 1" in shown or "Customer 2" in shown
    _check_modes(engagement / "output")
    return {}


def check_new_reads_back(engagement: Path, tmp: Path, outcome: Outcome) -> dict[str, Any]:
    from kit.files import load_yaml

    data = load_yaml(tmp / "fresh" / "engagement.yaml")
    assert data["client"] == "Acme\u2028GmbH\u0085".strip()
    assert oct((tmp / "fresh").stat().st_mode & 0o777) == oct(0o755)
    return {}


def _check_modes(folder: Path) -> None:
    """Files and folders follow the umask 022 of the run (0644/0755), not 0600/0700."""
    wrong = []
    for entry in [folder, *folder.rglob("*")]:
        if entry.is_symlink() or entry.name == ".run.lock":
            continue
        mode = entry.stat().st_mode & 0o777
        want = 0o755 if entry.is_dir() else 0o644
        if mode != want and not (entry.is_file() and mode == 0o755):
            wrong.append((str(entry.relative_to(folder)), oct(mode)))
    assert wrong == []


CHECKS: dict[str, Callable[[Path, Path, Outcome], dict[str, Any]]] = {
    name.removeprefix("check_"): fn for name, fn in globals().items() if name.startswith("check_")
}


# --- the corpus ------------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, str]:
    out = {}
    for p in sorted(folder.rglob("*")):
        key = str(p.relative_to(folder))
        if p.is_symlink():
            out[key] = "-> " + os.readlink(p)
        elif p.is_file():
            size = p.stat().st_size
            if size > 20_000_000:
                out[key] = f"{size} bytes"
            else:
                out[key] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif p.is_dir():
            out[key] = "dir"
    return out


def _prepare(case: str, tmp: Path) -> tuple[Path, dict[str, Any]]:
    engagement = case_engagement(CORPUS, case, tmp / "engagement")
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    previous_reports(engagement)
    meta: dict[str, Any] = yaml.safe_load((CORPUS / case / "case.yaml").read_text("utf-8"))
    if meta.get("generate"):
        GENERATORS[meta["generate"]](engagement, tmp)
    return engagement, meta


def _arguments(meta: dict[str, Any], engagement: Path, tmp: Path) -> list[str]:
    command = str(meta["command"])
    values = {"tmp": str(tmp), "bad_utf8": os.fsdecode(b"Acme \xff\xfe GmbH")}
    extra = [str(a).format(**values) for a in meta.get("args", [])]
    return case_arguments(command, engagement, extra)


def test_corpus_has_one_case_per_kind() -> None:
    kinds = {name.split("_")[0] for name in CASES}
    assert {
        "export",
        "logo",
        "status",
        "process",
        "data",
        "output",
        "yaml",
        "xlsx",
        "bpmn",
    } <= kinds
    assert {"config", "ledger", "import", "os", "new", "privacy"} <= kinds


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_is_bounded_contained_and_clear(case: str, tmp_path: Path) -> None:
    engagement, meta = _prepare(case, tmp_path)
    before = _snapshot(engagement)
    outside_before = _snapshot(tmp_path / "outside")
    top_before = sorted(p.name for p in tmp_path.iterdir())
    seconds = float(meta.get("seconds", MAX_SECONDS))
    outcome = run_kit(
        _arguments(meta, engagement, tmp_path),
        cwd=tmp_path,
        seconds=seconds,
        fsize=meta.get("fsize"),
    )
    output = outcome.output
    assert outcome.code == meta["exit"], f"exit {outcome.code}: {output}"
    assert "Traceback" not in output, output
    assert "Unexpected error" not in output, output
    for fragment in meta.get("expect", []):
        assert str(fragment) in output, f"{fragment!r} missing in: {output}"
    for fragment in meta.get("forbid", []):
        assert str(fragment) not in output, f"{fragment!r} (from outside) shown: {output}"
    assert outcome.peak_bytes < MAX_PEAK_BYTES, f"peak {outcome.peak_bytes:,} bytes"
    # nothing outside the engagement changed (a new engagement is the one allowed addition)
    assert _snapshot(tmp_path / "outside") == outside_before
    top_after = sorted(p.name for p in tmp_path.iterdir())
    created = set(top_after) - set(top_before)
    assert created <= ({"fresh"} if meta["command"] == "new" else set()), created
    after = _snapshot(engagement)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    if meta.get("publishes"):
        assert all(k.startswith("output/") for k in changed), changed
    else:
        # earlier reports byte-identical; a refused run may leave only its own run folder
        assert all(k.startswith("output/") and "reports" not in k for k in changed), changed
    details = CHECKS[meta["check"]](engagement, tmp_path, outcome) if meta.get("check") else {}
    report = os.environ.get("HOSTILE_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as handle:
            row = {
                "case": case,
                "exit": outcome.code,
                "first_line": outcome.first_line,
                "problem_line": next(
                    (line for line in output.splitlines() if str(meta["expect"][-1]) in line), ""
                ),
                "seconds": round(outcome.seconds, 2),
                "peak_mb": round(outcome.peak_bytes / 1e6),
                **details,
            }
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def test_nfd_and_nfc_spellings_differ_in_the_corpus_file() -> None:
    text = (CORPUS / "ledger_nfc_nfd_ids" / "data" / "invoices.csv").read_text(encoding="utf-8")
    ids = [line.split(",")[0] for line in text.splitlines()[-2:]]
    assert ids[0] != ids[1] and unicodedata.normalize("NFC", ids[1]) == ids[0]


def test_read_only_and_full_disk_are_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests may run as root (a read-only folder is still writable): the OS error is injected."""
    import errno

    from typer.testing import CliRunner

    from kit.cli import app

    engagement, _ = _prepare("logo_not_an_image", tmp_path)
    (engagement / "engagement.yaml").write_text(
        (CORPUS / "_base" / "engagement.yaml").read_text("utf-8"), encoding="utf-8"
    )
    for number in (errno.EROFS, errno.ENOSPC, errno.EACCES):

        def refuse(*_: object, number: int = number, **__: object) -> None:
            raise OSError(number, os.strerror(number), str(engagement / "tracking" / "status.csv"))

        monkeypatch.setattr("kit.rollout.log.append_status", refuse)
        result = CliRunner().invoke(
            app,
            [
                "status",
                str(engagement),
                "--update",
                "setup",
                "--status",
                "in_progress",
                "--percent",
                "10",
            ],
        )
        assert result.exit_code == 2, result.output
        assert "Unexpected error" not in result.output
        assert "status.csv: cannot read or write the file" in result.output
        assert io.StringIO(result.output).readline().startswith("Error:")
