"""The chat: questions as bubbles, answers by quick reply, key or typed text; the side panel."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from assistant.consultation import Consultation, Step
from assistant.dialogs.parse import normalize
from assistant.dialogs.runner import Runner
from assistant.i18n import N_, _, load_formats, long_date
from assistant.knowledge.base import format_source
from assistant.ui.echo import chat_echo
from assistant.ui.knowledge import knowledge_of
from assistant.ui.shortcuts import placeholder, shortcuts
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.bubble import Bubble
from assistant.ui.widgets.replies import QuickReplies
from assistant.ui.widgets.side_panel import SidePanel


NARROW = 100  # columns under which the side panel is shown instead of the chat, on F2
DONE = N_("Dialogue terminé : F5 pour le résultat, F3 pour modifier une réponse")  # the answer line then


class ChatScreen(Screen):
    BINDINGS = [  # in the key bar in this order, then F9 (help); the app binds Ctrl+N and Ctrl+Q
        Binding("f1", "why", N_("Pourquoi ?")),
        Binding("ctrl+z", "back", N_("Revenir")),
        Binding("f3", "review", N_("Réponses")),
        Binding("f5", "result", N_("Résultat")),
        Binding("f2", "toggle_side", N_("Panneau")),
        Binding("f4", "history", N_("Dossiers")),
        Binding("f6", "report", N_("Rapport d'activité"), show=False),
        Binding("f7", "glossary", N_("Sigles à l'écran"), show=False),
    ]

    def __init__(self, consultation: Consultation, export_dir: Path, blink: bool = True):
        super().__init__()
        self.consultation = consultation
        self.export_dir = export_dir
        self.blink = blink

    @property
    def runner(self) -> Runner:
        return self.consultation.runner

    def compose(self) -> ComposeResult:
        self.on_resize()  # before the children mount: one styling pass instead of two
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with VerticalScroll(id="transcript"):
                    yield from self.transcript()
                yield QuickReplies(self.runner.question, id="replies")
                answer = AnswerInput(id="answer")
                answer.cursor_blink = self.blink
                yield answer
        yield KeyBar(self.BINDINGS, id="keys")

    def on_resize(self, event: events.Resize | None = None) -> None:
        """Below 100 columns the side panel hides behind F2 (see app.tcss)."""
        self.set_class(self.app.size.width < NARROW, "-narrow")

    def on_mount(self) -> None:
        if not self.query(AnswerInput):  # the app closes before the chat is built (a tab closed at once)
            return
        self.query_one(AnswerInput).focus()
        self.prompt()
        # The panel runs the engine: it comes after the first paint, so the question shows at once.
        self.call_after_refresh(self.add_panel)

    async def add_panel(self) -> None:
        main = self.query_one("#main", Horizontal)
        if not main.is_attached:  # the app is closing already
            return
        panel = SidePanel(id="side")
        await main.mount(panel)
        if not panel.children:  # the app closed while it was being mounted
            return
        panel.refresh_from(self.runner)
        terms = knowledge_of(self.app).finder()  # the glossary's terms become links from now on
        for bubble in self.query(Bubble):
            bubble.link_terms(terms)
        self.call_after_refresh(self._connect_log)

    def _connect_log(self) -> None:
        """The case log last (sqlite-utils loads slowly), then babel's formats, frame by frame."""
        self.app.connect_log()
        self.call_after_refresh(load_formats)

    def refresh_panel(self) -> None:
        for panel in self.query(SidePanel):  # none until the first paint is done
            panel.refresh_from(self.runner)

    # -- the transcript --------------------------------------------------------------------

    def transcript(self) -> list[Bubble]:
        """The chat from the answers in use: welcome, each question and answer, the question now."""
        terms = self._terms()
        return [Bubble(text, role, question_id, terms=terms if role == "assistant" else None)
                for text, role, question_id in self.turns()]

    def turns(self) -> list[tuple[str, str, str | None]]:
        """(text, role, question id of an answer) of each turn of `transcript`."""
        turns = [(_("Consultation du {date}. Répondez avec les boutons, les touches 1 à 9 "
                    "(o/n pour oui/non, ? pour « je ne sais pas ») ou en tapant la réponse. "
                    "F1 : pourquoi cette question ? Ctrl+Z : revenir en arrière.").format(
            date=long_date(self.runner.state.on)), "note", None)]
        for question, answer in self.runner.applied():
            turns += [(_(question.text), "assistant", None), (chat_echo(question, answer), "agent", question.id)]
        if self.runner.question is not None:
            turns.append((_(self.runner.question.text), "assistant", None))
        return turns

    def _terms(self):
        """The glossary's term finder once loaded (after the first paint), else None."""
        knowledge = knowledge_of(self.app)
        return knowledge.finder() if knowledge.ready else None

    def start(self, consultation: Consultation) -> None:
        """Show another consultation (resumed from the log, or new)."""
        self.consultation = consultation
        self.query_one("#title", Static).update(f"{self.app.title} — {self.app.sub_title}")
        self.replay()

    def replay(self) -> None:
        """Rebuild the chat after an edit: the answers in use, and the question now."""
        self._rebuild()
        self.prompt()

    def relanguage(self) -> None:
        """The same chat in the language now (F8), the answer line as it was."""
        self.query_one("#title", Static).update(f"{self.app.title} — {self.app.sub_title}")
        shown, turns = list(self.query_one("#transcript").query(Bubble)), self.turns()
        if [b.question_id for b in shown] == [qid for _, _, qid in turns]:  # the same turns: texts in place
            terms = self._terms()
            for bubble, (text, role, _qid) in zip(shown, turns):
                bubble.retext(text, terms if role == "assistant" else None)
            self.query_one(QuickReplies).relabel()
            self.refresh_panel()
        else:  # notes said on the way (re-asks, help) are not kept: the chat as a replay shows it
            self._rebuild()
        question, answer_line = self.runner.question, self.query_one(AnswerInput)
        answer_line.placeholder = placeholder(question) if question is not None else _(DONE)

    def _rebuild(self) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.remove_children()
        transcript.mount_all(self.transcript())
        transcript.scroll_end(animate=False)
        self.query_one(QuickReplies).show(self.runner.question)
        self.refresh_panel()

    def say(self, text: str, role: str, question_id: str | None = None) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.mount(Bubble(text, role, question_id, terms=self._terms()))
        transcript.scroll_end(animate=False)

    def ask(self) -> None:
        """After an answer: the next question, or the result."""
        self.refresh_panel()
        self.query_one(QuickReplies).show(self.runner.question)
        if self.runner.question is not None:
            self.say(_(self.runner.question.text), "assistant")
        self.prompt()

    def prompt(self) -> None:
        """Set the answer line for the question now; at the end, show the result (the
        consultation has recorded it)."""
        question = self.runner.question
        answer_line = self.query_one(AnswerInput)
        answer_line.disabled = question is None  # keys typed after the last answer answer nothing
        if question is None:
            answer_line.shortcuts = {}
            answer_line.placeholder = _(DONE)
            self.say(_("C'est terminé. Voici le résultat (F5 pour y revenir)."), "note")
            self.action_result()
            return
        answer_line.shortcuts = shortcuts(question)
        answer_line.placeholder = placeholder(question)
        if not answer_line.has_focus:  # enabled again (a dialog opened from the result, a new one)
            answer_line.focus()

    # -- answering -------------------------------------------------------------------------

    def show(self, step: Step, typed: str | None = None) -> None:
        """What an answer did: the reading echoed and the next question, or why not."""
        question = step.question
        if step.kind == "invalid":
            self.say(_("« {typed} » : {message}").format(typed=typed, message=step.text), "note")
            return
        if step.kind == "refused":
            self.say(_("Réponse impossible : {message}").format(message=step.text), "note")
            return
        if step.kind == "confirm":
            self.confirm(step, typed)
            return
        said = chat_echo(question, step.answer)
        if typed and not typed.isdigit() and normalize(typed) != normalize(said):
            said = f"{typed} → {said}"  # what was typed, and how it was read
        self.say(said, "agent", question.id)
        self.log_problem(step.problem)
        if self.runner.is_checklist(question) and step.answer.get("set", {}).get(question.field) is False:
            self.say_alternatives(question)
        self.ask()

    def confirm(self, step: Step, typed: str | None) -> None:
        """An answer of a dialog opened from the result would change that result: ask first."""
        from assistant.ui.screens.replace_result import ReplaceResultScreen

        def decided(replace: bool | None) -> None:
            if self.runner.question is None or self.runner.question.id != step.question.id:
                return  # the question changed meanwhile
            if replace:
                self.show(self.consultation.answer(step.answer, confirmed=True), typed)
            else:
                self.say(_("Réponse non prise en compte : le résultat reste celui qui a été donné. "
                           "Donnez une autre réponse, ou F5 pour revenir au résultat."), "note")

        self.app.push_screen(ReplaceResultScreen(step.text), decided)

    def log_problem(self, message: str | None) -> None:
        """The case log refused a write: say so; the answers wait in the consultation, in order."""
        if message:
            self.notify(_("Journal des dossiers : {message} Les réponses sont gardées et seront "
                          "enregistrées à la prochaine réponse.").format(message=message),
                        severity="warning", timeout=10)

    def say_alternatives(self, question) -> None:
        doc = self.runner.missing_document(question) or {}
        lines = [_("Pièce manquante : {label}.").format(label=doc.get("label", question.short))]
        if doc.get("alternatives"):
            lines.append(_("Première intention : {items}").format(items=" ; ".join(doc["alternatives"])))
        if doc.get("second_intention"):
            lines.append(_("Seconde intention : {items}").format(items=" ; ".join(doc["second_intention"])))
        self.say("\n".join(lines), "note")

    @on(QuickReplies.Chosen)
    def chosen(self, event: QuickReplies.Chosen) -> None:
        question = self.runner.question
        if question is not None and event.question_id == question.id:  # not a stale key press
            self.show(self.consultation.answer(event.answer))

    @on(AnswerInput.Shortcut)
    def shortcut(self, event: AnswerInput.Shortcut) -> None:
        self.query_one(QuickReplies).press(event.key)

    @on(Input.Submitted, "#answer")
    def typed(self, event: Input.Submitted) -> None:
        event.input.value = ""
        question = self.runner.question
        if question is None:
            return
        if not event.value.strip():  # a stray Enter: nothing to read, nothing to say
            self.query_one(QuickReplies).validate()
            return
        self.show(self.consultation.say(event.value), event.value.strip())

    # -- editing ---------------------------------------------------------------------------

    @on(Bubble.EditRequested)
    def edit_requested(self, event: Bubble.EditRequested) -> None:
        self.edit(event.question_id)

    def edit(self, question_id: str) -> None:
        question = self.runner.lookup(question_id)
        current = self.runner.state.answers.get(question_id)

        def apply(answer: dict | None) -> None:
            if answer is None:
                return
            step = self.consultation.edit(question_id, answer)
            if step.kind == "refused":
                self.say(_("Modification impossible : {message}").format(message=step.text), "note")
                return
            self.log_problem(step.problem)
            self.replay()

        from assistant.ui.screens.edit import EditScreen

        self.app.push_screen(EditScreen(question, current, self.runner.state.on, self.blink), apply)

    def action_back(self) -> None:
        target = self.consultation.back_target()
        if target is not None:
            self.edit(target.id)

    def action_review(self) -> None:
        from assistant.ui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.runner), lambda qid: qid and self.edit(qid))

    def action_history(self) -> None:
        if self.app.case_log is None:
            self.notify(_("Le journal des dossiers n'est pas ouvert (--no-log)."), severity="warning")
            return
        from assistant.knowledge.loader import load as load_kb
        from assistant.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.app.case_log, load_kb()),
                             lambda case_id: case_id and self.app.open_case(case_id))

    def action_report(self) -> None:
        if self.app.case_log is None:
            self.notify(_("Le journal des dossiers n'est pas ouvert (--no-log)."), severity="warning")
            return
        from assistant.ui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.app.case_log, self.runner.state.on, self.export_dir))

    def action_why(self) -> None:
        question = self.runner.question
        if question is not None:
            sources = " ; ".join(format_source({"doc": s.doc, "ref": s.ref}) for s in question.sources)
            self.say(f"{_(question.help)}\n" + _("Source : {sources}").format(sources=sources), "note")

    def action_glossary(self) -> None:
        """F7: the glossary entries of the terms on screen (the newest first)."""
        from assistant.ui.screens.entry import GlossaryScreen

        self.app.push_screen(GlossaryScreen(*knowledge_of(self.app).glossary(self.texts_on_screen())))

    def action_define(self, term_id: str) -> None:
        """A click on a term: its glossary entry in full."""
        from assistant.ui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(knowledge_of(self.app).term_entry(term_id)))

    def texts_on_screen(self) -> list[str]:
        """The texts shown now, newest first: the quick replies, the chat turns in view, the panel."""
        transcript = self.query_one("#transcript", VerticalScroll)
        window = Region(0, round(transcript.scroll_y), transcript.size.width, transcript.size.height)
        turns = [b.plain_text for b in transcript.query(Bubble) if b.virtual_region.overlaps(window)]
        replies = [str(button.label) for button in self.query("#replies Button")]
        panel = [str(s.render()) for s in self.query("#side Static") if s.display and s.region.area]
        return replies + turns[::-1] + panel

    def action_toggle_side(self) -> None:
        self.toggle_class("-side")
        self.call_after_refresh(self.query_one(AnswerInput).focus)  # back to the answer line once shown

    def action_result(self) -> None:
        from assistant.ui.screens.result import ResultScreen

        def next_dialog(dialog_id: str | None) -> None:
            if dialog_id:
                self.log_problem(self.consultation.open_dialog(dialog_id))
                self.ask()

        self.app.push_screen(ResultScreen(self.consultation, self.export_dir), next_dialog)
