"""Stage 2, figures and uncertainty: what each claim allows as an interval (intervals, distributions), what a
claimant's figures imply (derive), and seeded Monte Carlo draws, bands and sensitivity.

Takes: validated claims and the analyst's readings (Assumptions). Gives: interval figures and percentile bands.
"""
