"""`privacy: pseudonymise` for customers: names in reports and exports become "Customer 1".

Customer ids stay (the consultant needs them to find the real customer); every name column of
the customers table is replaced before any step sees the ledger, so no report, chart or export
can show one. People (stakeholders, owners) are pseudonymised by kit.stakeholders.
"""

from __future__ import annotations

import pandas as pd

from kit.i18n import Language, tr
from kit.ledger import Ledger

__all__ = ["NAME_COLUMNS", "pseudonymise_customers"]

#: Columns of the customers table that hold a name or a contact.
NAME_COLUMNS = ("name", "customer_name", "contact", "email", "phone", "address")


def pseudonymise_customers(ledger: Ledger, *, language: Language) -> Ledger:
    """Return the ledger with customer names as "Customer 1", … (numbered by customer id)."""
    customers = ledger.customers
    if customers is None or not len(customers):
        return ledger
    out = customers.copy()
    ids = out["customer_id"].astype(str)
    order = {cid: i for i, cid in enumerate(sorted(ids.unique()), start=1)}
    width = len(str(len(order)))
    labels = ids.map(lambda cid: tr("Customer {n}", language, n=f"{order[cid]:0{width}d}"))
    for column in out.columns:
        if str(column).lower() in NAME_COLUMNS:
            out[column] = labels if str(column).lower() in ("name", "customer_name") else pd.NA
    ledger.customers = out
    return ledger
