"""Stage 6, presentation: renders a computed Brief as HTML sections and charts (one Jinja environment, templates/).
No I/O, no Monte Carlo, no judgment.

Takes: a Brief. Gives: HTML and images.
"""
