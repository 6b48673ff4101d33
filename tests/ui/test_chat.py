"""Pilot tests of full dialogs: quick replies, keys, typed answers, "je ne sais pas", edits."""

from chat_driver import asking, bubbles, type_answer

from assistant.ui.screens.edit import EditScreen
from assistant.ui.screens.result import ResultScreen
from assistant.ui.screens.review import ReviewScreen
from assistant.ui.widgets.replies import QuickReplies

SIZE = (100, 32)


async def test_welcome_asks_the_entry_question(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert asking(app) == "purpose"
        assert bubbles(app, "assistant") == ["Bonjour. Pourquoi la personne vient-elle aujourd'hui ?"]
        assert "lundi 3 mars 2025" in bubbles(app, "note")[0]


async def test_quick_reply_by_mouse_and_by_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click(app.screen.query_one(QuickReplies).buttons["rights"])
        await pilot.pause()
        assert asking(app) == "nationality"
        await pilot.press("3")
        await pilot.pause()
        assert asking(app) == "right_to_stay"
        assert bubbles(app, "agent") == ["Ouvrir des droits (première demande)", "Hors Union européenne"]


async def test_typed_answers_are_matched_and_echoed(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        await type_answer(pilot, "demandeur d'asile")
        assert app.runner.situation["person"]["right_to_stay"] == "asylum_seeker"
        await type_answer(pilot, "34 ans")
        assert bubbles(app, "agent")[-3:] == ["hors UE → Hors Union européenne",
                                              "demandeur d'asile → Demandeur·se d'asile (ATDA)", "34 ans → 34"]


async def test_not_understood_gets_a_short_re_ask_and_the_same_question(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "martien")
        assert asking(app) == "nationality"
        assert bubbles(app, "note")[-1].startswith("« martien » : Je n'ai pas compris.")
        await pilot.press("enter")
        await pilot.pause()
        assert asking(app) == "nationality"


async def test_je_ne_sais_pas_by_words_and_by_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "je sais pas")
        assert app.runner.state.answers["nationality"] == {"unknown": True}
        assert asking(app) == "right_to_stay"
        await pilot.press("?")
        await pilot.pause()
        assert app.runner.state.answers["right_to_stay"] == {"unknown": True}
        assert bubbles(app, "agent")[-2:] == ["je sais pas → Je ne sais pas", "Je ne sais pas"]


async def test_a_full_dialog_reaches_the_result_and_exports_the_slip(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        await type_answer(pilot, "sans papiers")
        await type_answer(pilot, "30")
        answers = {"sex": "1", "puma": "2", "activity": "6", "complementary": "1", "ame": "2", "territory": "1"}
        typed = {"irregular_since": "03/10/2024", "arrival_date": "12/09/2024",
                 "annual_resources": "9 600,50 euros", "annual_resources~period": "sur 12 mois",
                 "hospital_admission": "12 février 2025", "hospital_discharge": "il y a 14 jours", "care_date": "1",
                 "household_size": "1"}
        for _ in range(30):
            question = asking(app)
            if question is None:
                break
            if question in typed:
                await type_answer(pilot, typed[question])
            else:
                await pilot.press(answers.get(question, "n"))
                await pilot.pause()
        assert isinstance(app.screen, ResultScreen), bubbles(app)[-6:]
        situation = app.runner.situation
        assert situation["resources"]["annual"] == 9600.5
        # no vital-emergency question: the backdated AME covers the stay, urgent care cannot apply
        assert situation["care"] == {"hospital_admission": "2025-02-12", "hospital_discharge": "2025-02-17",
                                     "urgent_need": False}
        ame = next(c for c in app.runner.assessment["coverages"] if c["id"] == "ame")
        assert ame["status"] == "eligible" and ame["effective_date"] == "2025-02-12"
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        slip = (tmp_path / "fiches" / "fiche-2025-03-03.md").read_text(encoding="utf-8")
        assert "Aide médicale de l'État (AME) : Peut être demandée, droits à partir du 12 février 2025" in slip
        assert (tmp_path / "fiches" / "fiche-2025-03-03.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


async def test_editing_an_earlier_answer_keeps_the_others(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        await type_answer(pilot, "sans papiers")
        await type_answer(pilot, "30")
        await type_answer(pilot, "femme")
        agent = [b for b in app.screen.query(".-agent")]
        await pilot.click(agent[1])  # "Hors Union européenne"
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await type_answer(pilot, "française")
        assert app.runner.situation["person"] == {"nationality": "french", "age": 30, "sex": "F"}
        assert "Sans titre de séjour" not in bubbles(app, "agent")
        assert asking(app) == "puma"
        await pilot.press("ctrl+z")  # back: change the last answer (the sex)
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await type_answer(pilot, "homme")
        assert app.runner.situation["person"] == {"nationality": "french", "age": 30, "sex": "M"}


async def test_review_screen_lists_answers_and_opens_one_to_edit(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "française")
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.runner.situation["person"] == {"nationality": "french"}


async def test_why_shows_the_help_and_its_source(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "f1")
        await pilot.pause()
        assert ("Source : FAS Île-de-France et CPAM de Paris, webinaire sur l'accès aux droits santé, 2021, "
                "§ I – La Protection Universelle Maladie (PUMa)") in bubbles(app, "note")[-1]


async def test_readable_at_80x24_with_the_panel_behind_f2(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        side = app.screen.query_one("#side")
        assert not side.display
        await pilot.press("f2")
        await pilot.pause()
        assert side.display and not app.screen.query_one("#chat").display
        await pilot.press("f2", "1")
        await pilot.pause()
        assert asking(app) == "nationality"


async def test_the_key_bar_is_clickable(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.click("#keys", offset=(26, 0))  # "F3 Réponses"
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)


async def test_keys_typed_faster_than_the_screen_never_answer_the_wrong_question(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        await pilot.press("4", "4")  # typed fast: the first key answers the stay question
        await pilot.pause()
        assert asking(app) == "age"
        assert app.runner.situation["person"] == {"nationality": "non_eu", "right_to_stay": "no"}
        stale = QuickReplies.Chosen({"set": {"person.right_to_stay": "yes"}, "option": "yes"}, "right_to_stay")
        app.screen.query_one(QuickReplies).post_message(stale)  # a reply queued for the old question
        await pilot.pause()
        assert asking(app) == "age" and app.runner.situation["person"]["right_to_stay"] == "no"
        await type_answer(pilot, "0")  # the second key, if not dropped as stale, began the age
        assert app.runner.situation["person"]["age"] in (0, 40)


async def test_oui_typed_in_full_after_its_shortcut_does_not_spill_into_the_next_question(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")  # referral dialog: a yes/no question comes soon
        for _ in range(10):
            question = app.runner.question
            if question is not None and question.type == "yes_no":
                break
            await type_answer(pilot, "40" if question.type == "number" else "1")
        asked = app.runner.question.id
        await type_answer(pilot, "oui")
        assert app.runner.state.answers[asked]["set"] and asking(app) != asked
        assert "« ui »" not in " ".join(bubbles(app, "note"))


async def test_the_result_card_scrolls_to_its_last_section(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        for text in ("hors UE", "sans papiers", "30", "1", "2", "6", "il y a 5 mois", "il y a 5 mois", "2", "1",
                     "2", "0", "1", "1", "n"):
            if asking(app) is None:
                break
            await type_answer(pilot, text)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        scroll = app.screen.query_one("#result")
        assert scroll.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
