"""The consultation object: reading, answering, editing, recording, and sub-dialogs from the result."""

from __future__ import annotations

from datetime import date

from agent_lines import AME_RETRO, MISAS, ON, answer_all

from assistant.engine import evaluate
from assistant.knowledge.loader import load as load_kb
from assistant.store.errors import StoreBusy
from assistant.validation import parse_situation


class Flaky:
    """Wraps a CaseLog; refuses writes while `busy` is true, as a locked file does."""

    def __init__(self, log):
        self.log, self.busy = log, False

    def __getattr__(self, name):
        method = getattr(self.log, name)

        def call(*args, **kwargs):
            if self.busy:
                raise StoreBusy("La base est occupée par une autre instance ; rien n'a été écrit.")
            return method(*args, **kwargs)

        return call


def test_a_line_is_read_as_the_app_reads_it_and_echoed(start):
    consultation = start(record=False)
    assert consultation.say("1").text == "Ouvrir des droits (première demande)"
    step = consultation.say("martien")
    assert (step.kind, step.question.id) == ("invalid", "nationality") and step.text.startswith("Je n'ai pas compris")
    assert consultation.say("hors UE").text == "Hors Union européenne"
    consultation.say("sans papiers")
    consultation.say("30")
    consultation.say("1")
    consultation.say("non")
    assert consultation.question.id == "irregular_since"
    assert consultation.say("12 mars 2024").text == "mardi 12 mars 2024"


def test_multiple_choices_on_one_line_keep_every_choice(start):
    for line in ("1,2", "1 2", "1 et 2", "droits et renoncement aux soins", "dossier, renonce"):
        consultation = start(record=False)
        consultation.say("4")
        consultation.say("40")
        before = {"stable_address": "oui", "nationality": "française", "regime_general": "oui",
                  "arrival_date": "il y a 10 ans"}
        for _ in range(15):  # what the referral path asks before the difficulties (address...)
            if consultation.question.id == "difficulties":
                break
            consultation.say(before.get(consultation.question.id, "je ne sais pas"))
        assert consultation.question.id == "difficulties"
        assert consultation.say(line).kind == "understood"
        assert consultation.situation["difficulties"] == ["rights", "renounced_care"], line


def test_a_refused_answer_changes_nothing(start):
    consultation = start(record=False)
    answer_all_until = {**AME_RETRO, "hospital_admission": "10/02/2025"}
    for _ in range(20):
        if consultation.question.id == "hospital_discharge":
            break
        consultation.say(answer_all_until.get(consultation.question.id, "je ne sais pas"))
    step = consultation.say("01/02/2025")
    assert step.kind == "refused" and consultation.question.id == "hospital_discharge"
    assert "hospital_discharge" not in consultation.situation.get("care", {})


def test_back_edits_the_previous_answer_and_keeps_the_later_ones(start):
    consultation = start(record=False)
    for line in ("1", "hors UE", "sans papiers", "30", "femme"):
        consultation.say(line)
    age = consultation.back_target(consultation.back_target())
    assert age.id == "age"
    assert consultation.say_edit("age", "31").text == "31"
    assert consultation.situation["person"] == {"nationality": "non_eu", "right_to_stay": "no", "age": 31, "sex": "F"}
    assert consultation.question.id == "puma"


def test_answers_refused_by_a_busy_log_are_written_later_in_order(start, log):
    flaky = Flaky(log)
    consultation = start(log=flaky)
    assert consultation.say("1").problem is None
    flaky.busy = True
    assert "occupée" in consultation.say("française").problem
    assert "occupée" in consultation.say("40").problem
    assert consultation.unsaved
    flaky.busy = False
    assert consultation.say("femme").problem is None
    assert not consultation.unsaved
    assert list(log.answers(consultation.case_id)) == ["purpose", "nationality", "age", "sex"]


def test_answers_given_before_the_log_opens_wait_for_it(start, log):
    consultation = start()  # the app opens its case log after the first paint
    consultation.say("1")
    consultation.say("française")
    assert consultation.case_id is None and consultation.unsaved
    assert consultation.connect(log) is None
    assert list(log.answers(consultation.case_id)) == ["purpose", "nationality"]


def test_no_log_records_nothing(start):
    consultation = start(record=False)
    answer_all(consultation, MISAS)
    assert consultation.case_id is None and not consultation.unsaved


def test_the_result_is_recorded_with_what_it_concludes(start, log):
    consultation = start(log=log)
    answer_all(consultation, AME_RETRO)
    case = log.get_case(consultation.case_id.lower())
    assert case["assessment"] == consultation.assessment
    assert case["assessment"] == evaluate(parse_situation(consultation.situation, ON), on=ON, kb=load_kb())
    assert [(r["kind"], r["status"], r["expected_from"]) for r in case["requests"]] == [("ame", "to_file", "2025-02-12")]
    assert ("ame_retro_filing_limit", "2025-05-13") in [(d["deadline"], d["date"]) for d in case["due_dates"]]
    assert {d["deadline"] for d in case["due_dates"]} == {d["id"] for d in consultation.assessment["deadlines"]}
    assert [r["kind"] for r in case["referrals"]] == [r["id"] for r in consultation.assessment["referrals"]]
    assert case["demo"] == 0 and case["urgent_care"] == 0


def test_a_misas_recommendation_is_a_proposed_referral_until_marked_made(start, log):
    consultation = start(log=log)
    answer_all(consultation, MISAS)
    assert consultation.referrals_waiting() == ["misas", "domiciliation"]
    misas = next(r for r in log.export_case(consultation.case_id)["referrals"] if r["kind"] == "misas")
    assert misas["status"] == "proposed" and misas["reasons"]
    assert consultation.refer("misas", on=date(2025, 3, 4))["status"] == "made"
    assert consultation.referrals_waiting() == ["domiciliation"]


def test_a_demonstration_is_recorded_as_such_and_left_out_of_the_report(start, log):
    consultation = start(log=log, demo=True)
    answer_all(consultation, MISAS)
    today = log.today()
    report = log.report(date(today.year, 1, 1), today)
    assert log.get_case(consultation.case_id)["demo"] == 1
    assert report["demonstrations"] == {"included": False, "cases": 1}
    assert next(i for i in report["indicators"] if i["id"] == "file_active")["value"] == 0
    with_demo = log.report(date(today.year, 1, 1), today, include_demo=True)
    assert next(i for i in with_demo["indicators"] if i["id"] == "referrals.not_made")["breakdown"]["misas"] == 1


def test_a_case_resumes_where_it_stopped_whatever_the_case_of_its_number(start, log):
    first = start(log=log)
    for line in ("1", "hors UE", "sans papiers"):
        first.say(line)
    resumed = start(log=log, case_id=first.case_id.lower().replace("-", ""))
    assert resumed.case_id == first.case_id and resumed.question.id == "age"
    assert resumed.situation == first.situation


def test_a_follow_up_opened_from_the_result_asks_before_changing_it(start, log):
    consultation = start(log=log)
    answer_all(consultation, AME_RETRO)
    recorded = log.get_case(consultation.case_id)["assessment"]
    consultation.open_dialog("renewal")
    assert consultation.question.id == "followup"
    step = consultation.say("une AME qui se termine")  # says the AME is open: the result would change
    assert step.kind == "confirm" and "Aide médicale de l'État (AME)" in step.text
    assert consultation.question.id == "followup" and consultation.situation["coverage"]["ame"] == "none"
    assert log.get_case(consultation.case_id)["assessment"] == recorded

    assert consultation.answer(step.answer, confirmed=True).kind == "understood"
    answer_all(consultation, {"ame_until": "30/06/2025"})
    ame = next(c for c in log.get_case(consultation.case_id)["assessment"]["coverages"] if c["id"] == "ame")
    assert ame["status"] == "open"


def test_a_documents_checklist_from_the_result_needs_no_confirmation(start, log):
    consultation = start(log=log)
    answer_all(consultation, AME_RETRO)
    consultation.open_dialog("documents")
    answer_all(consultation, {"request": "AME"} | {q: "oui" for q in ("doc_identity", "doc_photo")})
    assert consultation.runner.documents_checked()["identity"] is True
