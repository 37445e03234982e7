"""Stage 7, build and publish: the build recipe (notebook → HTML → PDF in one process; results.json written from the
Brief the notebook computed), the outputs folder, batches of scenarios, and the command line.

Takes: parameters and paths. Gives: files in reports/.
"""
