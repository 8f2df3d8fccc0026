"""A generated ledger with every table the KPIs read (payments, unapplied cash, credit notes,
residual items, disputes, dunning events), for engine parity tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.ledger import Ledger

START = np.datetime64("2023-01-01", "D")


def generated_ledger(rows: int, *, seed: int = 20) -> Ledger:
    """Return a ledger of `rows` invoices over 2023-2024 (deterministic for `seed`)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"INV{i:07d}" for i in range(rows)], dtype=object)
    customers = np.array([f"C{i:05d}" for i in rng.integers(0, max(rows // 20, 1), rows)])
    issue = START + rng.integers(0, 731, rows).astype("timedelta64[D]")
    due = issue + rng.choice([14, 30, 60], rows).astype("timedelta64[D]")
    amount = np.round(rng.lognormal(6.0, 1.0, rows), 2) + 0.01
    inv = pd.DataFrame(
        {
            "invoice_id": ids,
            "customer_id": customers,
            "issue_date": pd.to_datetime(issue),
            "due_date": pd.to_datetime(due),
            "amount": amount,
            "segment": rng.choice(["A", "B", "C"], rows),
            "residual": rng.random(rows) < 0.02,
        }
    )
    kind = rng.random(rows)
    delay = np.maximum(rng.normal(35, 25, rows), -5).astype(np.int64).astype("timedelta64[D]")
    one = np.flatnonzero(kind < 0.55)
    two = np.flatnonzero((kind >= 0.55) & (kind < 0.8))
    part = np.flatnonzero((kind >= 0.8) & (kind < 0.9))
    first = np.round(amount[two] / 3, 2)
    pay_inv = np.concatenate([one, two, two, part])
    pay_day = np.concatenate(
        [issue[one] + delay[one], issue[two] + delay[two] // 2, issue[two] + delay[two],
         issue[part] + delay[part]]
    )  # fmt: skip
    pay_amt = np.concatenate(
        [amount[one], first, np.round(amount[two] - first, 2), np.round(amount[part] * 0.5, 2)]
    )
    pay = pd.DataFrame(
        {
            "invoice_id": ids[pay_inv],
            "payment_date": pd.to_datetime(pay_day),
            "amount": pay_amt,
            "customer_id": customers[pay_inv],
        }
    )
    lone = max(rows // 100, 1)  # unapplied cash, a third of it cleared later
    cleared = START + rng.integers(0, 800, lone).astype("timedelta64[D]")
    unapplied = pd.DataFrame(
        {
            "invoice_id": [None] * lone,
            "payment_date": pd.to_datetime(START + rng.integers(0, 731, lone)),
            "amount": np.round(rng.lognormal(4.0, 1.0, lone), 2) + 0.01,
            "customer_id": rng.choice(customers, lone),
        }
    )
    unapplied["cleared_date"] = pd.to_datetime(
        np.where(rng.random(lone) < 0.33, cleared, np.datetime64("NaT"))
    )
    pay = pd.concat([pay, unapplied], ignore_index=True)
    pay = pay.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    notes_n = max(rows // 50, 1)
    at = rng.integers(0, rows, notes_n)
    applied = rng.random(notes_n) < 0.6
    notes = pd.DataFrame(
        {
            "credit_note_id": [f"G{i:06d}" for i in range(notes_n)],
            "customer_id": customers[at],
            "issue_date": pd.to_datetime(issue[at] + rng.integers(0, 40, notes_n)),
            "amount": np.round(amount[at] * 0.2, 2) + 0.01,
            "invoice_id": np.where(applied, ids[at], None),
            "cleared_date": pd.to_datetime(
                np.where(
                    ~applied & (rng.random(notes_n) < 0.5),
                    issue[at] + 90,
                    np.datetime64("NaT"),
                )
            ),
        }
    )
    d_n = max(rows // 25, 1)
    d_at = rng.choice(rows, d_n, replace=False)
    opened = issue[d_at] + rng.integers(0, 30, d_n).astype("timedelta64[D]")
    resolved = opened + rng.integers(1, 80, d_n).astype("timedelta64[D]")
    disputes = pd.DataFrame(
        {
            "dispute_id": [f"D{i:06d}" for i in range(d_n)],
            "invoice_id": ids[d_at],
            "opened_date": pd.to_datetime(opened),
            "resolved_date": pd.to_datetime(
                np.where(rng.random(d_n) < 0.8, resolved, np.datetime64("NaT"))
            ),
            "reason": rng.choice(["price", "quantity", "quality"], d_n),
        }
    )
    return Ledger(
        invoices=inv,
        payments=pay,
        credit_notes=notes,
        disputes=disputes,
        dunning_events=_dunning(rng, ids, issue, due, rows),
    )


def _dunning(
    rng: np.random.Generator, ids: np.ndarray, issue: np.ndarray, due: np.ndarray, rows: int
) -> pd.DataFrame:
    n = max(rows // 4, 1)
    at = rng.choice(rows, n, replace=False)
    sent = pd.to_datetime(due[at] + 3) + pd.to_timedelta(rng.integers(8, 18, n), unit="h")
    frames = [pd.DataFrame({"invoice_id": ids[at], "timestamp": sent, "event": "sent"})]
    for event, share, hours in (
        ("bounced", 0.05, 1),
        ("opened", 0.5, 20),
        ("clicked", 0.2, 30),
        ("page_view", 0.15, 40),
        ("payment_succeeded", 0.1, 60),
        ("payment_failed", 0.05, 50),
    ):
        pick = rng.random(n) < share
        later = sent[pick] + pd.to_timedelta(rng.integers(1, hours * 10, pick.sum()), unit="h")
        frames.append(
            pd.DataFrame({"invoice_id": ids[at][pick], "timestamp": later, "event": event})
        )
    ev = pd.concat(frames, ignore_index=True)
    ev["channel"] = np.where(rng.random(len(ev)) < 0.8, "email", "sms")
    ev.loc[ev["event"].isin(["bounced", "opened", "clicked"]), "channel"] = "email"
    ev["message_id"] = None
    return ev.sort_values("timestamp", kind="stable").reset_index(drop=True)


def clean_tables(rows: int) -> dict[str, pd.DataFrame]:
    """Return invoices, payments, disputes and dunning events of the generated ledger that no
    ingest rule refuses (no residual items, unapplied cash or payments before their invoice)."""
    ledger = generated_ledger(rows)
    inv = ledger.invoices.drop(columns=["residual"])
    pays = ledger.payments
    assert pays is not None and ledger.disputes is not None and ledger.dunning_events is not None
    pays = pays[pays["invoice_id"].notna()].drop(columns=["cleared_date"], errors="ignore")
    issued = pays["invoice_id"].map(inv.set_index("invoice_id")["issue_date"])
    pays = pays[pays["payment_date"] >= issued]  # ingest refuses payments before the invoice
    return {
        "invoices": inv,
        "payments": pays,
        "disputes": ledger.disputes,
        "dunning_events": ledger.dunning_events.copy(),
    }
