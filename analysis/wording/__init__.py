"""Stage 4, wording: the numbers and sentences the brief prints about its data, each written once — numbers (how a
figure prints), sentences (claims, figures, comparisons, probabilities, robustness), bottom_line, hindsight (what
later reports said) and reference_wars. Still written elsewhere, for present/sections.py's split: the sensitivity
lead, the dependence sentences, the charts' captions and alt texts.

Takes: figures and judgments. Gives: text.
"""
