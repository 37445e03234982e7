"""Casualty-claims briefing package: ledger, analysis, charts and the brief's build pipeline."""

__version__ = "0.1.0"
