"""Stage 3, judgments: comparisons between claimants (consistency), which judgments survive the analyst's
readings (robustness), what later reports say of the article's figures (hindsight), and the engine that gathers
them into ranked judgments with their basis and confidence (engine). Judgments are data: no sentence is written
here.

Takes: figures and bands. Gives: tables of judgments.
"""
