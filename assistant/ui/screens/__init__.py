"""Screens of the app: the chat, the review of answers, one answer's edit, the result, the history."""
