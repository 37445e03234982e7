"""Stage 4, wording: every number and sentence the brief prints, written once (sentences, numbers, reference wars).

Takes: figures and judgments. Gives: text.
"""
