"""Trainer mode: training scenarios as data, their check against the engine, the grading of a
trainee's conclusion and the training log (a database of its own, never the case log). No UI."""
