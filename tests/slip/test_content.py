"""What the slip says: the requests first (where, by when, documents as tick boxes), then the
referrals with their contacts, the coverage and dates one line each, then who handed it over."""

from __future__ import annotations

from datetime import date

from assistant.directory.lookup import Directory
from assistant.slip.content import build, choices, pieces_count
from assistant.slip.text import html_page, markdown

ON = date(2025, 6, 1)
SOURCE = [{"doc": "002_97c024bcee8fb120.txt", "ref": "§ 1. Constitution des dossiers – identité"}]
IDENTITY = {"id": "identity", "for": ["puma", "css"], "label": "Justificatif d'identité", "alternatives": ["Passeport"],
            "second_intention": ["Permis de conduire"], "note": None, "sources": SOURCE}
FORM_CSS = {"id": "form_css", "for": ["css"], "label": "Formulaire S3711", "alternatives": [], "second_intention": [],
            "note": "En ligne ou papier.", "sources": SOURCE}
ASSESSMENT = {
    "kb_version": "2026.11+abc", "kb_release": "2026.11",
    "coverages": [
        {"id": "puma", "status": "eligible", "effective_date": "2025-06-01", "sources": SOURCE},
        {"id": "css", "status": "eligible", "participation_monthly": 0, "sources": SOURCE},
        {"id": "ame", "status": "not_eligible", "sources": SOURCE},
        {"id": "dsuv", "status": "to_check", "sources": SOURCE},
    ],
    "documents": [IDENTITY, FORM_CSS],
    "referrals": [{"id": "domiciliation", "reasons": ["Sans adresse stable."], "sources": SOURCE}],
    "deadlines": [
        {"id": "css_decision", "date": "2025-07-02", "for": "css", "label": "CSS : décision attendue au plus tard le 02/07/2025.",
         "sources": SOURCE},
        {"id": "css_hospital_retro_limit", "date": "2025-06-30", "for": "css",
         "label": "CSS : déposer la demande au plus tard le 30/06/2025 pour une prise en charge dès le mois d'hospitalisation.",
         "sources": SOURCE},
    ],
    "warnings": ["Plafond à revoir."],
}


def test_requests_come_first_with_where_when_and_documents_as_tick_boxes(sample_directory, context):
    slip = build(ASSESSMENT, context(ON, checklist={"identity": True}), sample_directory)
    puma, css, domiciliation = slip.tasks
    assert (puma.title, css.title) == ("Demander la PUMa (assurance maladie de base)",
                                        "Demander la Complémentaire santé solidaire (CSS)")
    assert puma.when == ["Dès que possible, avec le dossier complet."]
    assert css.when[1].startswith("CSS : déposer la demande au plus tard le 30/06/2025")
    assert [c.name for c in puma.where] == ["Accueil de la CPAM de Fictiville (exemple fictif)"]
    assert css.where == [] and css.where_note == "Au même endroit que la demande 1."
    assert puma.documents[0].has and puma.documents[0].listed_in is None
    assert css.documents[0].listed_in == 1 and css.documents[1].label == "Formulaire S3711"
    assert choices(puma.documents[0]) == [("Au choix : ", True), ("Passeport. ", False),
                                          ("Sinon : ", True), ("Permis de conduire. ", False)]
    assert domiciliation.title == "Obtenir une domiciliation (adresse pour recevoir le courrier)"
    assert len(domiciliation.where) == 2 and domiciliation.where[0].phone == "01 99 00 01 07"
    assert slip.requests == 2


def test_coverage_and_dates_one_line_each_long_explanations_left_out(sample_directory, context):
    slip = build(ASSESSMENT, context(ON), sample_directory)
    assert slip.coverages == [
        "PUMa (assurance maladie de base) : Peut être demandée, droits à partir du 1er juin 2025",
        "Complémentaire santé solidaire (CSS) : Peut être demandée, gratuite",
        "À vérifier avec la structure : Soins urgents et vitaux (DSUV)",
        "Non accessible dans votre situation : Aide médicale de l'État (AME)",
    ]
    assert slip.dates == ["CSS : décision attendue au plus tard le 02/07/2025."]  # the filing limit is under "Quand"
    text = slip.text()
    assert "Sans adresse stable." not in text and "Plafond à revoir." not in text


def test_the_signature_names_structure_agent_case_date_and_release(sample_directory, context):
    slip = build(ASSESSMENT, context(ON), sample_directory)
    assert slip.signature == [("Structure", "CMS Louise Michel"), ("Agent", "AG12"), ("Dossier n°", "K7Q2-M9XD"),
                              ("Date", "1er juin 2025"), ("Base de connaissances", "2026.11")]
    bare = build(ASSESSMENT, context(ON, case_id=None, agent=None, structure=None), sample_directory)
    assert dict(bare.signature) | {"Date": "", "Base de connaissances": ""} == {
        "Structure": "non renseignée", "Agent": "non renseigné", "Dossier n°": "non enregistré",
        "Date": "", "Base de connaissances": ""}


def test_sources_are_titles_one_line_per_document(context):
    slip = build(ASSESSMENT, context(ON), Directory({}, "93"))
    assert slip.sources == ["Cnam, réunion partenaires sur la constitution et le dépôt des dossiers AME, 2020 "
                            "(§ 1. Constitution des dossiers)"]


def test_without_a_contact_the_slip_says_so_plainly(context):
    slip = build(ASSESSMENT, context(ON), Directory({}, "93"))
    assert slip.tasks[0].where == [] and slip.tasks[0].where_note == (
        "Pas de contact dans notre annuaire pour ce service (département 93) : demandez les coordonnées à la "
        "structure qui vous a reçu.")
    for directory in (Directory({}, None), Directory({}, "93", problem="directory.json : annuaire endommagé")):
        assert build(ASSESSMENT, context(ON), directory).tasks[2].where_note == (
            "Coordonnées non disponibles ici : demandez-les à la structure qui vous a reçu.")


def test_plurals_through_ngettext(sample_directory, context):
    slip = build(ASSESSMENT, context(ON), sample_directory)
    assert pieces_count(slip.tasks[0]) == "1 pièce à réunir" and pieces_count(slip.tasks[1]) == "2 pièces à réunir"


def test_french_counts_zero_in_the_singular_with_the_catalogs_loaded():
    from assistant.i18n import ngettext, set_language

    set_language("fr")  # the French catalog leaves our strings untranslated: gettext's fallback is English's rule
    assert [ngettext("{n} pièce", "{n} pièces", n).format(n=n) for n in (0, 1, 2)] == ["0 pièce", "1 pièce", "2 pièces"]


def test_markdown_and_html_say_the_same(sample_directory, context):
    slip = build(ASSESSMENT, context(ON, checklist={"identity": True}), sample_directory)
    text = markdown(slip)
    assert text.index("## À faire") < text.index("## Vos droits") < text.index("## Dates à retenir")
    assert "- [x] Justificatif d'identité\n  *Au choix :* Passeport. *Sinon :* Permis de conduire." in text
    assert "- [x] Justificatif d'identité (voir la demande 1)" in text
    page = html_page(slip)
    assert page.startswith("<!DOCTYPE html>") and "@page{size:A4" in page
    assert "☑ Justificatif d&#x27;identité" in page.replace('<span class="box">', "").replace("</span>", "")
