"""Stage 1, the ledger: reads claim files (one CSV, or several as one), validates them against data/claims.schema.json
(every problem named by file, line and column), selects the claims a brief uses, and reads the reference tables.

Takes: paths. Gives: validated pandas frames. Imports only analysis.errors, analysis.paths.
"""
