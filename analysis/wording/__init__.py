"""Stage 4, wording: the numbers and sentences the brief prints about its data, each written once — numbers (how a
figure prints), sentences (claims, figures, comparisons, robustness, sensitivity, dependence), bottom_line,
hindsight (what later reports said), reference_wars, grades (source grades), and figures (the charts' titles,
captions and alt texts, the tables' notes). present/ places them and writes none of its own.

Takes: figures and judgments. Gives: text.
"""
