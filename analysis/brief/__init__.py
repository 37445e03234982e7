"""Stage 5, the computed brief: one call (compute) runs stages 1-4 on the parameters and returns a Brief,
everything the brief shows; results turns it into the results.json record; diff compares two records.

Takes: parameters. Gives: a Brief and its record.
"""
