"""The words the figures, tables and data boxes show to readers, in each language of the book.

The code everywhere keeps its English labels (lane names, phases, legends...) as keys, so that
the logic is written once; what a reader sees passes through ``label()``, which gives the French
of it in the French edition (``malibook.data.language``). A label missing from the table is an
error, never a silent English word in a French figure; ``tests/test_labels.py`` checks that every
label the analysis uses has its French.
"""
from __future__ import annotations

import datetime

from malibook.data.dates import MONTH_NAMES
from malibook.data.language import book_language

FRENCH = {
    # Timeline lanes (timeline.LANES)
    "Violence": "Violences",
    "Seizures of power": "Prises de pouvoir",
    "Offices and institutions": "Fonctions et institutions",
    "Agreements and talks": "Accords et négociations",
    "International responses": "Réactions internationales",
    "Society": "Société",
    "Publications": "Publications",
    # Phases (timeline.PHASES)
    "2012 crisis and intervention": "Crise de 2012 et intervention",
    "2015 peace process": "Processus de paix de 2015",
    "2020 coup and transition": "Coup d’État de 2020 et transition",
    "2021 coup and after": "Coup d’État de 2021 et suites",
    # Rows of the chart of terms of office (timeline.POWER_POSTS)
    "Head of state": "Chef de l’État",
    "Vice-president": "Vice-président",
    "Prime minister": "Premier ministre",
    # Intervals (timeline.INTERVALS)
    "Coup of 2012 to coup of 2020": "Du coup d’État de 2012 à celui de 2020",
    "Coup of 2020 to the transition's swearing-in": "Du coup d’État de 2020 à l’investiture de la transition",
    "Swearing-in to the arrests of May 2021": "De l’investiture aux arrestations de mai 2021",
    "Coup of 2020 to the arrests of May 2021": "Du coup d’État de 2020 aux arrestations de mai 2021",
    # The interactive charts' headers, tooltips and values (charts.py, maps.py)
    "Paragraphs": "Paragraphes", "Event": "Événement", "Date": "Date", "Provenance": "Provenance",
    "Lane": "Couloir", "Office": "Fonction", "Person": "Personne", "Post": "Poste", "Term": "Mandat",
    "Actor": "Acteur", "Kind": "Type", "Actors linked": "Acteurs liés", "Kind of actor": "Type d’acteur",
    "Place": "Lieu", "Country": "Pays", "What happened there": "Ce qui s’y est passé",
    "none (editorial context)": "aucun (contexte éditorial)",
    "Events at a place": "Événements en un lieu", "1 event": "1 événement", "{count} events": "{count} événements",
    "Table view: the data of this chart ({rows} rows)":
        "Vue en tableau\u00a0: les données de ce graphique ({rows} lignes)",
    "longitude (°)": "longitude (°)",
    "latitude (°)": "latitude (°)",
    # Open ends of a term of office (timeline.power_terms)
    "start not in the data": "début absent des données",
    "no end in the data": "fin absente des données",
    # Legend of the timeline (timeline.timeline_legend)
    "from a document (filled)": "tiré d’un document (plein)",
    "editorial context (hollow)": "contexte éditorial (creux)",
    "known only to the month or year, or lasting": "connu au mois ou à l’année près, ou durable",
    "publication of a document": "publication d’un document",
    # Kinds of actor, grouped (network.KIND_GROUPS)
    "Armed groups and coalitions": "Groupes et coalitions armés",
    "Juntas, army and state": "Juntes, armée et État",
    "People": "Personnes",
    "Political and social groups": "Groupes politiques et sociaux",
    "International": "International",
    # The two documents (figures.DOCUMENT_STYLES, titles of the network figures)
    "Briefing 115 (2015)": "Briefing 115 (2015)",
    "Q&A (May 2021)": "Q&A (mai 2021)",
    "Q&A (2021)": "Q&A (2021)",
    # Kinds of block (documents.KIND_ORDER) and the axis of their chart
    "title": "titre",
    "kicker": "surtitre",
    "standfirst": "chapeau",
    "caption": "légende",
    "heading": "intertitre",
    "question": "question",
    "paragraph": "paragraphe",
    "recommendation": "recommandation",
    "pull quote": "exergue",
    "signoff": "signature",
    "number of blocks": "nombre de blocs",
    # Relations between actors, as the data boxes print them (annotations): English puts the verb
    # between the actors; French, which would need articles before the short names, an arrow and a noun.
    "{subject} {verb} {object}": "{subject} → {object} ({verb})",
    "{subject} {verb} {object} ({post})": "{subject} → {object} ({verb}\u00a0: {post})",
    "member of": "appartenance",
    "leads": "direction",
    "holds post": "fonction",
    "allied with": "alliance",
    "opposes": "opposition",
    "fights": "combats",
    "mediates": "médiation",
    "negotiates with": "négociation",
    "condemns": "condamnation",
    "sanctions": "sanctions",
    "suspends": "suspension",
    "arrests": "arrestation",
    "ousts": "renversement",
    # How a block refers to a thing (annotations.MODE_NOTES)
    " (referred to, not named)": " (référence implicite)",
    " (discussed before it happened)": " (par anticipation)",
    # The data boxes and lists of the chapters (annotations)
    "Events": "Événements",
    "Actors": "Acteurs",
    "Relations": "Relations",
    "In the data: what {paragraph} refers to": "Dans les données\u00a0: ce à quoi renvoie {paragraph}",
    "**{kind}:** {items}.": "**{kind}\u00a0:** {items}.",
    "- **{group}** ({count}): {names}.": "- **{group}** ({count})\u00a0: {names}.",
    # Between the items of a list in running text (French puts a no-break space before ';').
    "; ": "\u00a0; ",
    # Rival values of a disputed fact (malibook.sphinxext.data_markup, {dispute})
    "at least {value}": "au moins {value}",
    "{values} or {last}": "{values} ou {last}",
    "In both documents": "Dans les deux documents",
    # The synopsis (malibook.analysis.meeting_points).
    "The Q&A (2021)": "Le Q&A (2021)",
    "What became of it: the latest observation": "Ce qu’il en est advenu : la dernière observation",
    "**{status}** ({date})": "**{status}** ({date})",
    "Only in Briefing 115 (2015)": "Seulement dans le Briefing 115 (2015)",
    "Only in the Q&A (2021)": "Seulement dans le Q&A (2021)",
    # Column names and values of the notebooks' tables (tables.show_table)
    "lane": "couloir",
    "provenance": "provenance",
    "document": "document",
    "editorial": "éditorial",
    "kind": "type",
    "interval": "intervalle",
    "from": "du",
    "to": "au",
    "days": "jours",
    "months": "mois",
    "row": "ligne",
    "person": "personne",
    "post": "fonction",
    "start": "début",
    "start_precision": "précision du début",
    "end": "fin",
    "end_precision": "précision de la fin",
    "day": "jour",
    "month": "mois",
    "year": "année",
    "document_id": "document",
    "mentioned": "mentionnés",
    "left out": "laissés de côté",
    "actor_id": "actor_id",
    "actor": "acteur",
    "neighbours": "voisins",
    "betweenness": "intermédiarité",
    "named in": "nommés dans",
    "actors": "acteurs",
    "names": "noms",
    "both documents": "les deux documents",
    "Briefing 115 only": "le Briefing 115 seulement",
    "Q&A only": "le Q&A seulement",
    "paragraph_id": "paragraph_id",
    "section_id": "section_id",
    "gist": "résumé",
    "blocks": "blocs",
    "pull_quote": "exergue",
    # Headers of myst-nb's table of notebook executions (malibook.sphinxext.bilingual)
    "Document": "Document",
    "Modified": "Modifié le",
    "Method": "Méthode",
    "Run Time (s)": "Durée (s)",
    "Status": "Statut",
    # Printed by notebooks/actors.ipynb
    "{actors} actors, {relations} relations; {main} actors in the largest connected group.":
        "{actors} acteurs, {relations} relations\u00a0; {main} acteurs dans le plus grand groupe connexe.",
    "Smaller groups, drawn apart from the rest:": "Groupes plus petits, dessinés à part\u00a0:",
}
# French months shortened as French typography does, for the dates on the figures' axes.
FRENCH_MONTH_ABBREVIATIONS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                              "nov.", "déc."]


def label(text: str, language: str | None = None, **fields: str) -> str:
    """``text`` (an English label of the book) in the language of the edition, its {fields} filled in."""
    language = book_language(language)
    if language == "en":
        return text.format(**fields) if fields else text
    try:
        translated = FRENCH[text]
    except KeyError:
        raise KeyError(f"no French for the label {text!r}: add it to malibook.analysis.labels.FRENCH") from None
    return translated.format(**fields) if fields else translated


def month_abbreviations(language: str | None = None) -> list[str]:
    """The twelve months as a figure's axis shortens them: 'Jan'... in English, 'janv.'... in French."""
    if book_language(language) == "fr":
        return FRENCH_MONTH_ABBREVIATIONS
    return [name[:3] for name in MONTH_NAMES["en"]]


def month_year(value: datetime.date, language: str | None = None) -> str:
    """A month on a figure's axis: 'Jan 2021' in English, 'janv. 2021' in French."""
    return f"{month_abbreviations(language)[value.month - 1]} {value.year}"
