"""Language: declared tags normalised; detection when undeclared or contradicted by the text."""

from __future__ import annotations

import pytest

from crawler.extract import extract_page
from crawler.extract.lang import detect_lang, normalise_lang

SAMPLES = {
    "en": "The minister said that the crossings would stay open, and he added that this was final.",
    "fr": (
        "Le ministre a déclaré que les frontières resteront ouvertes pour les familles "
        "et qu'il est prêt."
    ),
    "de": "Der Minister sagte, dass die Grenze für die Familien nicht geschlossen wird.",
    "es": "El ministro dijo que la frontera no se cerrará para las familias y que es final.",
    "ru": (
        "Министр заявил, что граница не будет закрыта для семей, и это его окончательное "
        "решение, как он сказал."
    ),
    "tr": (
        "Bakan, sınır kapılarının aileler için açık kalacağını söyledi ve bu kararın "
        "değişmeyeceğini, ancak görüşmelerin süreceğini ve çok önemli olduğunu ifade etti "
        "ve teşekkür etti."
    ),
    "az": (
        "Nazir bildirib ki, sərhəd keçid məntəqələri ailələr üçün açıq qalacaq və bu qərar "
        "dəyişməyəcək, amma danışıqlar davam edəcək."
    ),
}


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items())
def test_detects_the_languages_we_crawl(lang: str, text: str) -> None:
    assert detect_lang(text) == lang


@pytest.mark.parametrize("text", ["", "OK", "12 345 678", "Viktor Sorel, Dana Whitcombe"])
def test_unsure_gives_none(text: str) -> None:
    assert detect_lang(text) is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en-GB", "en"),
        ("tr_TR", "tr"),
        ("RU", "ru"),
        (" az-Latn-AZ ", "az"),
        ("und", None),
        ("English", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise(tag: str | None, code: str | None) -> None:
    assert normalise_lang(tag) == code


def _page(html_attrs: str, head: str, text: str) -> str:
    body = f"<body><article><p>{text}</p></article></body>"
    return f"<html {html_attrs}><head>{head}</head>{body}</html>"


def test_template_language_contradicted_by_the_text() -> None:
    html = _page('lang="en"', "", SAMPLES["ru"])
    assert extract_page(html).lang == "ru"


def test_declared_language_the_detector_does_not_know_is_trusted() -> None:
    ukrainian = "Міністр заявив, що кордон не буде закрито для родин, і це його остаточне рішення."
    assert extract_page(_page('lang="uk"', "", ukrainian)).lang == "uk"


def test_declaration_order() -> None:
    text = SAMPLES["en"]
    og_only = _page("", '<meta property="og:locale" content="en_GB">', text)
    assert extract_page(og_only).lang == "en"
    http_equiv = _page("", '<meta http-equiv="content-language" content="de-DE">', "Kurz.")
    assert extract_page(http_equiv).lang == "de"
