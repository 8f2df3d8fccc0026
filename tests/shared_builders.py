"""Builders several test folders share (importable everywhere: `pythonpath = ["tests"]`).

The public IBM accounts-receivable sample as a canonical ledger, and the command line and the
previous reports of a bad-input corpus case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from kit.ledger import Ledger

IBM = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "ibm-accounts-receivable"
    / "WA_Fn-UseC_-Accounts-Receivable.csv"
)


def ibm_ledger(path: Path = IBM) -> Ledger:
    """Return the IBM sample as a canonical ledger (paid_date = SettledDate, disputed = Yes)."""
    raw = pd.read_csv(path, dtype={"invoiceNumber": str, "customerID": str})

    def day(column: str) -> pd.Series:
        return pd.to_datetime(raw[column], format="%m/%d/%Y")

    invoices = pd.DataFrame(
        {
            "invoice_id": raw["invoiceNumber"],
            "customer_id": raw["customerID"],
            "issue_date": day("InvoiceDate"),
            "due_date": day("DueDate"),
            "amount": raw["InvoiceAmount"].astype(float),
            "paid_date": day("SettledDate"),
            "disputed": raw["Disputed"].eq("Yes"),
        }
    )
    return Ledger(invoices=invoices)


def case_engagement(corpus: Path, case: str, engagement: Path) -> Path:
    """Return `engagement`: the corpus's `_base` engagement with the case's files laid over it."""
    shutil.copytree(corpus / "_base", engagement)
    for source in (corpus / case).rglob("*"):
        if source.is_file() and source.name != "case.yaml":
            target = engagement / source.relative_to(corpus / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return engagement


def case_arguments(command: str, engagement: Path, extra: list[str]) -> list[str]:
    """Return the `kit` arguments of a corpus case: the command, what it acts on, the extras."""
    if command == "new":
        return [command, *extra]
    if command == "duplicates":
        return [command, str(engagement / "process_maps"), *extra]
    if command == "import-bpmn":
        output = engagement / "output" / "model.yaml"
        return [command, str(engagement / "model.bpmn"), "--output", str(output), *extra]
    return [command, str(engagement), *extra]


def previous_reports(engagement: Path) -> Path:
    """Write the reports of an earlier run (index and KPIs) that a refused input must keep."""
    reports = engagement / "output" / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / "index.html").write_text("<html>previous run</html>", encoding="utf-8")
    (reports / "04_kpis.html").write_text("<html>previous KPIs</html>", encoding="utf-8")
    return reports
