"""Stage 3, judgments: comparisons between claimants (consistency), which judgments survive the analyst's
readings (robustness), and what later reports say of the article's figures (hindsight). Judgments are data:
no sentence is written here.

Takes: figures and bands. Gives: tables of judgments.
"""
