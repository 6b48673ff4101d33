"""The slip as an A4 PDF (fpdf2), in DejaVu Sans shipped with the package (fpdf2's built-in
fonts are Latin-1 only; DejaVu prints €, accents, any name).

The slip must fit one page (two for a household with several requests): it is laid out at
full size first, then a little smaller each time it runs over, down to a floor that stays
readable on paper.
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from pathlib import Path

from assistant.i18n import _, labelled, language
from assistant.slip.content import Document, Slip, Task, choices, pieces_count

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
SCALES = (1.0, 0.95, 0.9, 0.85, 0.8, 0.75)  # 10 pt body at 1.0; 7.5 pt at the floor
MARGIN = 12  # mm
GREY = (70, 70, 70)


def page_limit(slip: Slip) -> int:
    """One page, two for a household with several requests."""
    return 2 if slip.requests > 1 else 1


def _document(footer: str | None):
    """An A4 fpdf2 document; `footer` (with the page number) at the foot of every page."""
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            if footer:
                self.set_y(-MARGIN * 0.75)
                self.set_font(FAMILY, "", 7)
                self.set_text_color(*GREY)
                self.cell(0, 3, f"{footer} · page {self.page_no()}/{{nb}}", align="R")

    return Document(orientation="portrait", unit="mm", format="A4")


class _Writer:
    def __init__(self, slip: Slip, scale: float, footer: bool = False):
        self.slip, self.s = slip, scale
        # A new document each time: fpdf2 subsets the fonts in place when writing, so a
        # document (and its fonts) is never reused; loading both fonts takes ~0.2 s.
        # A slip of two pages says on each whose it is and which page it is.
        case = dict(slip.signature).get(_("Dossier n°"))
        pdf = _document(f"{slip.title} · {_('Dossier n°')} {case}" if footer else None)
        pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.set_title(slip.title)
        pdf.set_lang(language())
        pdf.set_creator("assistant couverture santé")
        # The consultation's day, not the clock: the same case gives the same file.
        pdf.set_creation_date(datetime.combine(slip.on, time(12), tzinfo=timezone.utc))
        self.pdf = pdf

    def font(self, size: float, bold: bool = False, grey: bool = False) -> float:
        """Set the font; returns the line height (mm) for that size."""
        self.pdf.set_font(FAMILY, "B" if bold else "", size * self.s)
        self.pdf.set_text_color(*(GREY if grey else (0, 0, 0)))
        return size * self.s * 0.44  # 1.25 × the font size (1 pt = 0.353 mm)

    def para(self, text: str | list[tuple[str, bool]], *, size: float = 10, bold: bool = False, indent: float = 0,
             grey: bool = False, label: str | None = None, after: float = 0) -> None:
        """A paragraph from `indent` mm, wrapped there: a text (with an optional bold `label :`
        first) or a list of (text, bold) runs."""
        pdf = self.pdf
        left = MARGIN + indent
        pdf.set_left_margin(left)
        pdf.set_x(left)
        runs = text if isinstance(text, list) else [(labelled(label or ""), True)] * bool(label) + [(text, bold)]
        h = 0.0
        for i, (run, strong) in enumerate(runs):
            h = self.font(size, bold=strong, grey=grey)
            # write() cuts a run's first word when it does not fit the rest of the line: go to
            # the next line first, as wrapping between words would. A run of one word glued to
            # the next (a label and its value) moves with the next run's first word.
            first = run.lstrip().split(" ", 1)[0]
            width = pdf.get_string_width(first)
            if first == run and i + 1 < len(runs):
                following, following_bold = runs[i + 1]
                self.font(size, bold=following_bold, grey=grey)
                width += pdf.get_string_width(following.split(" ", 1)[0])
                self.font(size, bold=strong, grey=grey)
            if pdf.get_x() > left and pdf.get_x() + width + 2 * pdf.c_margin > pdf.w - pdf.r_margin:
                pdf.ln(h)
            pdf.write(h, run)
        pdf.ln(h + after)
        pdf.set_left_margin(MARGIN)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(120, 120, 120)
        pdf.line(MARGIN, pdf.get_y(), pdf.w - MARGIN, pdf.get_y())

    def heading(self, text: str) -> None:
        pdf = self.pdf
        pdf.ln(1.5 * self.s)
        h = self.font(12.5, bold=True)
        pdf.cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.4)
        self.rule()
        pdf.ln(1.5 * self.s)

    def document(self, d: Document, indent: float) -> None:
        """A tick box (ticked when the person has the document), the document, its choices."""
        pdf = self.pdf
        text_indent = indent + 5.5 * self.s
        h = self.font(10)
        if pdf.get_y() + h > pdf.h - MARGIN:
            pdf.add_page()
        top, side = pdf.get_y(), 3.2 * self.s
        pdf.set_draw_color(0, 0, 0)
        pdf.rect(MARGIN + indent, top + (h - side) / 2, side, side)
        if d.has:
            self.font(10, bold=True)
            pdf.text(MARGIN + indent + 0.3 * self.s, top + h * 0.82, "✓")
        if d.listed_in is not None:
            self.para(f"{d.label} " + _("(voir la demande {n})").format(n=d.listed_in), indent=text_indent, grey=True)
            return
        self.para(d.label, indent=text_indent)
        if d.first_choice or d.otherwise or d.note:
            self.para(choices(d), size=8.5, indent=text_indent, grey=True)
        pdf.ln(0.8 * self.s)

    def task(self, n: int, t: Task) -> None:
        pdf = self.pdf
        self.para(f"{n}. {t.title}", size=11, bold=True, after=0.6 * self.s)
        indent = 4 * self.s
        if t.when:
            self.para(" ".join(t.when), indent=indent, label=_("Quand"))
        label = _("Où") if t.documents else _("Contact")
        for c in t.where:
            self.para(c.name, indent=indent, label=label)
            for line in c.lines():
                self.para(line, size=8.5, indent=indent + 4 * self.s, grey=True)
        if not t.where:
            self.para(t.where_note or "", indent=indent, label=label)
        if t.documents:
            pdf.ln(0.8 * self.s)
            self.para(pieces_count(t) + _(" (cochez chaque pièce réunie)"), indent=indent, bold=True,
                      after=0.6 * self.s)
            for d in t.documents:
                self.document(d, indent)
        pdf.ln(1.5 * self.s)

    def lay_out(self) -> None:
        slip, pdf = self.slip, self.pdf
        pdf.add_page()
        h = self.font(16, bold=True)
        pdf.multi_cell(0, h * 1.1, slip.title, new_x="LMARGIN", new_y="NEXT")
        self.para(slip.subtitle, grey=True)
        self.heading(_("À faire"))
        for n, t in enumerate(slip.tasks, start=1):
            self.task(n, t)
        if not slip.tasks:
            self.para(_("Rien à déposer pour l'instant."))
        self.heading(_("Vos droits"))
        for line in slip.coverages:
            self.para("• " + line, size=9.5)
        if slip.dates:
            self.heading(_("Dates à retenir"))
            for line in slip.dates:
                self.para("• " + line, size=9.5)
        nbsp = "\u00a0"  # a label stays with its value
        runs = [run for label, value in slip.signature
                for run in ((labelled(label).rstrip().replace(" ", nbsp) + nbsp, False), (f"{value}    ", True))]
        sources = " ; ".join(slip.sources)
        # Who handed the slip over, its notice and sources stay together, on a new page if need be.
        needed = (self.height_of("".join(r for r, _b in runs), 8.5, bold=True) + self.height_of(slip.notice, 8.5)
                  + (self.height_of(labelled(_("Sources"), sources), 7) if sources else 0) + 5 * self.s)
        if pdf.get_y() + needed > pdf.page_break_trigger:
            pdf.add_page()
        pdf.ln(2 * self.s)
        self.rule()
        pdf.ln(1.5 * self.s)
        self.para(runs, size=8.5)
        self.para(slip.notice, size=8.5, grey=True)
        if sources:
            self.para(sources, size=7, grey=True, label=_("Sources"))

    def height_of(self, text: str, size: float, bold: bool = False) -> float:
        """The height (mm) of `text` as a paragraph of the full width at `size`."""
        h = self.font(size, bold=bold)
        return self.pdf.multi_cell(0, h, text, dry_run=True, output="HEIGHT")

    def height(self) -> float:
        """The height the slip takes, in page heights of text (1.5: a page and a half)."""
        usable = self.pdf.h - 2 * MARGIN
        return self.pdf.pages_count - 1 + (self.pdf.get_y() - MARGIN) / usable


def render(slip: Slip) -> tuple[bytes, int]:
    """The PDF and its page count, at the largest size of SCALES that fits the page limit (or
    the smallest, when even that runs over). A slip that runs over is tried again first at the
    size its overflow suggests (measured: about the size in proportion, rounded up to a step),
    then smaller: two lay-outs for most slips instead of up to six."""
    limit = page_limit(slip)
    writer = _Writer(slip, SCALES[0])
    writer.lay_out()
    if writer.pdf.pages_count > limit:
        ratio = limit / writer.height()
        start = min((s for s in SCALES[1:] if s >= ratio), default=SCALES[1])
        for scale in [s for s in SCALES[1:] if s <= start] or SCALES[-1:]:
            writer = _Writer(slip, scale)
            writer.lay_out()
            if writer.pdf.pages_count <= limit:
                break
    if writer.pdf.pages_count > 1:
        writer = _Writer(slip, writer.s, footer=True)  # drawn in the bottom margin: same lay-out
        writer.lay_out()
    return bytes(writer.pdf.output()), writer.pdf.pages_count
