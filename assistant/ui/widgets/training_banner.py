"""The banner of every training screen: what is on screen is an exercise, recorded apart."""

from __future__ import annotations

from textual.widgets import Static

from assistant.i18n import _


class TrainingBanner(Static):
    DEFAULT_CSS = """
    TrainingBanner { background: $warning; color: $text; text-style: bold; width: 100%; height: auto; padding: 0 1; }
    """

    def __init__(self, **kwargs):
        super().__init__(_("FORMATION — exercice : rien n'est écrit dans le journal des dossiers ni compté dans "
                           "ses statistiques"), markup=False, **kwargs)
