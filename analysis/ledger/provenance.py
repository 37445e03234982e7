"""Rules on how each claim is known: its hedge, who it is attributed to and on what grounds, what it may echo."""

from __future__ import annotations

import pandas as pd

from analysis.errors import Problem


def problems(df: pd.DataFrame, name: str, lines: list[int]) -> list[Problem]:
    """Cross-column rules for the optional provenance columns (each absent column is left alone)."""
    out: list[Problem] = []
    cols = set(df.columns)
    ids = dict(zip(df["claim_id"], df["claimant"]))
    for i, row in df.iterrows():
        line = lines[i]
        hedge = row.get("hedge", "") if "hedge" in cols else ""
        if hedge and hedge.strip().lower() not in row["quote"].lower():
            out.append(Problem(name, line, "hedge", f"'{hedge}' does not appear in the quote: a hedge is the "
                                                    "source's own words"))
        attribution = row.get("attribution", "") if "attribution" in cols else ""
        by = row.get("attributed_by", "") if "attributed_by" in cols else ""
        if attribution == "inferred" and not by:
            out.append(Problem(name, line, "attributed_by", "is required when attribution is 'inferred': cite the "
                                                           "report that supports the attribution"))
        if by and attribution != "inferred":
            out.append(Problem(name, line, "attributed_by", "is set, but attribution is not 'inferred'"))
        if "dated_by" in cols and row["dated_by"] and not row["as_of"]:
            out.append(Problem(name, line, "dated_by", "is set, but as_of is blank: give the date it supports"))
        lineage = row.get("lineage", "") if "lineage" in cols else ""
        if lineage:
            if lineage not in ids:
                out.append(Problem(name, line, "lineage", f"names claim '{lineage}', which is not in the ledger"))
            elif ids[lineage] == row["claimant"]:
                out.append(Problem(name, line, "lineage", f"names claim '{lineage}' of the same claimant: an echo "
                                                          "is of another claimant's figure"))
    return out


def defaults() -> dict[str, str]:
    """The value an absent or blank optional column stands for."""
    from analysis.ledger.schema import field_metadata

    return {f["name"]: f.get("default", "") for f in field_metadata().get("optionalFields", [])}
