"""Pilot tests of the knowledge search and the glossary in the app, at 80x24 by keyboard:
Ctrl+P opens the search, F7 the terms on screen, and a term in a question is a link."""

from __future__ import annotations

from chat_driver import asking, type_answer
from textual.command import CommandList, CommandPalette

from assistant.ui.screens.entry import EntryScreen, GlossaryScreen
from assistant.ui.screens.result import ResultScreen
from assistant.ui.widgets.bubble import Bubble

SMALL = (80, 24)


async def _results(pilot, app) -> list[str]:
    """Wait for the palette's search (it runs in a task), then its prompts."""
    commands = app.screen.query_one(CommandList)
    for _ in range(100):
        await pilot.pause()
        if commands.option_count:
            break
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_ctrl_p_searches_the_knowledge_and_opens_an_entry_in_full(app):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"pieces AME")
        found = await _results(pilot, app)
        assert found[0].startswith("Question · Quelles pièces joindre à une demande d'AME ?")
        assert ("Source : Cnam, réunion partenaires sur la constitution et le dépôt des dossiers AME, 2020, "
                "§ 1. Constitution des dossiers") in found[0] and ".txt" not in found[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry["id"] == "faq:ame_documents"
        text = str(app.screen.query_one("#entry-text").render())
        assert "cerfa 11573*07" in text and "Source : Cnam, réunion partenaires" in text and ".txt" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert asking(app) == "purpose"  # back to the consultation, nothing lost


async def test_a_changed_answer_shows_the_current_rule(app):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"misas ame")
        await _results(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        text = str(app.screen.query_one("#entry-text").render())
        assert "Réponse modifiée depuis le 28 juillet 2022" in text and "Source du changement" in text


async def test_f7_lists_the_terms_on_screen_with_their_definition(app):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press("1", "3")  # rights; outside the EU: the stay question, with "ATDA" in a reply
        await pilot.pause()
        assert asking(app) == "right_to_stay"
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen) and app.screen.on_screen
        assert list(app.screen.entries) == ["glossary:tds", "glossary:atda"]
        assert "autorise un étranger à séjourner" in str(app.screen.query_one("#glossary-text").render())
        await pilot.press("down")
        await pilot.pause()
        assert "GUDA" in str(app.screen.query_one("#glossary-text").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry["id"] == "glossary:atda"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert asking(app) == "right_to_stay"


async def test_a_term_in_a_question_opens_its_definition_on_click(app):
    async with app.run_test(size=(200, 40)) as pilot:  # the question on one line
        await pilot.pause()
        for answer in ("1", "française", "40", "femme"):
            await type_answer(pilot, answer)
        assert asking(app) == "puma"
        question = [b for b in app.screen.query(Bubble) if b.has_class("-assistant")][-1]
        column = question.plain_text.index("PUMa")
        await pilot.click(question, offset=(1 + column + 1, 0))  # padding, then inside the word
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen) and app.screen.entry["id"] == "glossary:puma"


async def test_the_result_card_glossary_by_key(app):
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.screen.action_result()
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.entries  # the terms of the card (or the whole glossary when none)
