"""Write bc_customer_ledger.xlsx: a Business Central "Customer Ledger Entries" export.

Run from this folder: `python make_bc_xlsx.py` (the file is committed; rerun after changes).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

ROWS = [
    (1001, "C10000", "2026-04-05", "2026-04-05", "Invoice", "103001", "Order 1001", "2026-05-05",
     1250.00, 0.00, False, "2026-05-02"),
    (1002, "C10000", "2026-05-02", "2026-05-02", "Payment", "2605001", "Payment", None,
     -1250.00, 0.00, False, "2026-05-02"),
    (1003, "C20000", "2026-05-20", "2026-05-20", "Invoice", "103002", "Order 1002", "2026-06-19",
     2400.00, 2400.00, True, None),
    (1004, "C20000", "2026-06-01", "2026-06-01", "Credit Memo", "104001", "Return", "2026-06-01",
     -150.00, -150.00, True, None),
    (1005, "C30000", "2026-06-10", "2026-06-10", "Invoice", "103003", "Order 1003", "2026-07-10",
     800.00, 800.00, True, None),
    (1006, "C30000", "2026-06-15", "2026-06-15", "Payment", "2606002", "Payment on account", None,
     -300.00, -300.00, True, None),
]  # fmt: skip
HEADER = [
    "Entry No.", "Customer No.", "Posting Date", "Document Date", "Document Type", "Document No.",
    "Description", "Due Date", "Amount (LCY)", "Remaining Amt. (LCY)", "Open", "Closed at Date",
]  # fmt: skip


def main() -> None:
    """Write the workbook next to this script."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Customer Ledger Entries"
    sheet.append(["Customer Ledger Entries"])
    sheet.append(["CRONUS International Ltd."])
    sheet.append([])
    sheet.append(HEADER)
    for row in ROWS:
        cells = list(row)
        for i in (2, 3, 7, 11):
            cells[i] = dt.date.fromisoformat(cells[i]) if cells[i] else None
        sheet.append(cells)
    book.save(Path(__file__).with_name("bc_customer_ledger.xlsx"))


if __name__ == "__main__":
    main()
