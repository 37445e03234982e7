"""Stage 5, the computed brief: one call (compute) runs stages 1-4 on the parameters (BriefParams) and returns a
Brief, everything the brief shows (the later reports' view, the judgments and the bottom line included); results
turns it into the results.json record; diff compares two records.

Takes: BriefParams. Gives: a Brief and its record.
"""
