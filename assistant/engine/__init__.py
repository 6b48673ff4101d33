"""The rules engine: a situation and a date in, an assessment with reasons and sources out."""

from assistant.engine.core import evaluate

__all__ = ["evaluate"]
