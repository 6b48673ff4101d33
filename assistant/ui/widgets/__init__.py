"""Widgets of the chat: bubbles, quick replies, the answer line, the side panel, the result card."""
