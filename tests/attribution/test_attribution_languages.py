"""Six languages' reporting verbs and quotation styles, and a new language as data only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from parsed import speakers_of

from crawler.attribution import extract_quotes, languages


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "tr",
            "Cumhurbaşkanı Selim Tarkan, Ankara'da konuştu. Tarkan, “Boru hattını kimseden izin "
            "almadan inşa edeceğiz” dedi. Dışişleri Bakanı Ayşe Korkmaz ise “Müzakereler olumlu "
            "sürüyor” ifadesini kullandı. Kaynaklara göre taraflar arasında “ciddi görüş "
            "ayrılıkları” var.",
            {
                "Boru hattını kimseden izin almadan inşa edeceğiz": "Selim Tarkan",
                "Müzakereler olumlu sürüyor": "Ayşe Korkmaz",
                "ciddi görüş ayrılıkları": None,
            },
        ),
        (
            "ru",
            "Министр иностранных дел Игорь Волков заявил: «Переговоры будут продолжены». "
            "«Мы не отступим», — сказал Волков. По словам Волкова, стороны «сблизили позиции».",
            {
                "Переговоры будут продолжены": "Игорь Волков",
                "Мы не отступим": "Игорь Волков",
                "сблизили позиции": "Игорь Волков",
            },
        ),
        (
            "fr",
            "« Nous ne céderons pas », a déclaré mardi la ministre du Travail, Claire Vidal. "
            "« La réforme sera votée avant l'été », a-t-elle ajouté. Selon le porte-parole du "
            "gouvernement, Paul Renaud, la situation est « sous contrôle ».",
            {
                "Nous ne céderons pas": "Claire Vidal",
                "La réforme sera votée avant l'été": "Claire Vidal",
                "sous contrôle": "Paul Renaud",
            },
        ),
        (
            "de",
            "„Wir werden die Schuldenbremse einhalten“, sagte Finanzminister Jonas Kessler am "
            "Montag. Laut Kessler ist der Haushalt „solide finanziert“. Der Minister betonte: "
            "„Es wird keine Steuererhöhungen geben.“ „Das ist ein schwarzer Tag“, so die "
            "Präsidentin des Städtetages, Ulrike Brandt.",
            {
                "Wir werden die Schuldenbremse einhalten": "Jonas Kessler",
                "solide finanziert": "Jonas Kessler",
                "Es wird keine Steuererhöhungen geben.": "Jonas Kessler",
                "Das ist ein schwarzer Tag": "Ulrike Brandt",
            },
        ),
        (
            "es",
            "«No vamos a permitir que nadie nos imponga su agenda», dijo el presidente del "
            "Gobierno, Andrés Ruiz, en Bruselas. Según la ministra de Hacienda, Lucía Ortega, el "
            'acuerdo es "un paso histórico". "Seguiremos trabajando", afirmó Ruiz.',
            {
                "No vamos a permitir que nadie nos imponga su agenda": "Andrés Ruiz",
                "un paso histórico": "Lucía Ortega",
                "Seguiremos trabajando": "Andrés Ruiz",
            },
        ),
    ],
)
def test_reporting_styles_of_each_language(lang: str, text: str, expected: dict) -> None:
    assert speakers_of(text, lang=lang) == expected


def test_russian_transcript_turns() -> None:
    text = (
        "Совещание с членами правительства\n\n"
        "В совещании приняли участие Председатель Правительства Павел Орлов и министр "
        "финансов Елена Гришина.\n\n"
        "П.Орлов: Добрый день, уважаемые коллеги.\n\n"
        "Е.Гришина: Бюджет исполнен с небольшим профицитом.\n\n"
        "П.Орлов: Хорошо. Спасибо.\n"
    )
    assert speakers_of(text, lang="ru") == {
        "Добрый день, уважаемые коллеги.": "Павел Орлов",
        "Бюджет исполнен с небольшим профицитом.": "Елена Гришина",
        "Хорошо. Спасибо.": "Павел Орлов",
    }


def test_unknown_or_missing_language_uses_all_languages_at_once() -> None:
    text = "„Wir bauen jedes Dorf wieder auf“, sagte Bürgermeisterin Anna Weber."
    assert speakers_of(text, lang=None) == {"Wir bauen jedes Dorf wieder auf": "Anna Weber"}
    assert speakers_of(text, lang="de-AT") == {"Wir bauen jedes Dorf wieder auf": "Anna Weber"}
    assert speakers_of(text, lang="xx") == {"Wir bauen jedes Dorf wieder auf": "Anna Weber"}


def test_a_new_language_is_a_data_file_and_no_code(tmp_path: Path, monkeypatch) -> None:
    """Dutch, added by writing nl.toml next to the others: the parser picks it up."""
    for path in Path(languages.__file__).parent.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    english = (tmp_path / "en.toml").read_text(encoding="utf-8")
    dutch = english.replace('code = "en"', 'code = "nl"').replace(
        'verbs = [\n    "say",', 'verbs = [\n    "zei", "zegt", "verklaarde", "say",'
    )
    (tmp_path / "nl.toml").write_text(dutch, encoding="utf-8")
    monkeypatch.setattr(languages, "_HERE", tmp_path)
    languages.lexicon_for.cache_clear()
    try:
        assert "nl" in languages.available()
        text = "„We bouwen elk dorp weer op”, zei minister Jan de Vries."
        quotes = extract_quotes(text, lang="nl")
        assert [(q.text, q.speaker, q.cue) for q in quotes] == [
            ("We bouwen elk dorp weer op", "Jan de Vries", "zei")
        ]
    finally:
        languages.lexicon_for.cache_clear()


def test_every_language_file_has_the_keys_the_parser_reads() -> None:
    reference = languages.lexicon_for("en")
    for code in languages.available():
        lexicon = languages.lexicon_for(code)
        assert lexicon.codes == (code,)
        assert lexicon.verbs, code
        assert lexicon.titles, code
        assert lexicon.dates.weekdays and lexicon.dates.months, code
        assert type(lexicon) is type(reference)


def test_german_objects_labels_and_inverted_subjects() -> None:
    text = (
        "Staatssekretär Harald Lindner bestreitet jede Kenntnis von den Praktiken der "
        "Deponie: „Wenn ich davon gewusst hätte, hätte ich gehandelt.“\n\n"
        "Die Nordsee-Zeitung zitiert einen Anwohner mit den Worten: „Der Gestank war "
        "unerträglich.“\n\n"
        "Nachdem der Moderator ihn gefragt hatte, entgegnete Lindner knapp: „Das prüfen wir.“"
    )
    assert speakers_of(text, lang="de") == {
        "Wenn ich davon gewusst hätte, hätte ich gehandelt.": "Harald Lindner",
        "Der Gestank war unerträglich.": "einen Anwohner",
        "Das prüfen wir.": "Harald Lindner",
    }


def test_german_nouns_and_acronyms_after_articles() -> None:
    text = (
        "Der Sohn des ehemaligen Skistars Willy Bogner ist tot.\n\n"
        "Willy Bogner teilte mit: „Das erschüttert uns sehr.“\n\n"
        "Die CCE bestätigte die Aussage der Gewerkschaft nicht und nannte sie „reine "
        "Spekulation“.\n\n"
        "Die Forderung war bereits laut geworden, dass die Gruppen mit „fremden Kräften“ "
        "arbeiteten."
    )
    found = speakers_of(text, lang="de")
    assert found["Das erschüttert uns sehr."] == "Willy Bogner"
    assert found["reine Spekulation"] == "CCE"
    assert found.get("fremden Kräften") != "geworden"


@pytest.mark.parametrize(
    ("lang", "text", "speaker"),
    [
        (
            "fr",
            "Le président de la République Viktor Sorel a déclaré : « Le corridor rouvrira "
            "lundi. »",
            "Viktor Sorel",
        ),
        (
            "es",
            "El presidente de la República, Viktor Sorel, declaró: «El corredor se reabrirá el "
            "lunes».",
            "Viktor Sorel",
        ),
        (
            "ru",
            "Президент Республики Виктор Сорель заявил: «Коридор откроется в понедельник».",
            "Виктор Сорель",
        ),
        (
            "ru",
            "Министр иностранных дел Сергей Волков провёл переговоры в Женеве.\n\n«Мы готовы "
            "к переговорам», — сказал министр.",
            "Сергей Волков",
        ),
        (
            "tr",
            'Cumhurbaşkanı Selim Tarkan, "Koridor pazartesi açılacak" ifadesini kullandı.',
            "Selim Tarkan",
        ),
        (
            "en",
            '"The decision is long overdue," Ambassador of Aran to the United Kingdom Elin '
            "Suleymanov said.",
            "Elin Suleymanov",
        ),
    ],
)
def test_official_titles_with_complements_in_each_language(
    lang: str, text: str, speaker: str
) -> None:
    assert list(speakers_of(text, lang=lang).values()) == [speaker]
