"""Scripted dialogs as data (`data/*.yaml`) and the runner that drives them: no UI, no Textual.

`loader.load()` gives the question bank, `runner.Runner` decides the next question from the
engine's assessment, `answers` reads typed text, `outcome` words the result (the slip is `assistant.slip`).
"""
