"""Whole pages, as a user of the crawler sees them: the right text, times, URL and authors.

One test group per fixture page in tests/fixtures/pages (each written for
these tests in the shape of a real kind of site).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from crawler.extract import DatedValue, ExtractedPage, extract_page

Page = Callable[[str], ExtractedPage]


def _when(value: DatedValue | None) -> tuple[datetime, str, str]:
    assert value is not None
    assert value.at.tzinfo is UTC
    return value.at, value.precision, value.source


def _paragraphs(page: ExtractedPage) -> list[str]:
    return page.text.split("\n\n")


JUNK = (
    "cookies",
    "Subscribe",
    "Most read",
    "All rights reserved",
    "Privacy",
    "Share on",
    "Is this page useful",
    "Skip to",
)


def _assert_no_junk(page: ExtractedPage) -> None:
    for junk in JUNK:
        assert junk not in page.text, junk


def test_news_article_with_jsonld_graph(page: Page) -> None:
    article = page("news_jsonld_graph")
    assert (
        article.url
        == "https://www.caspianledger.example/world/2024/05/07/sorel-border-crossings-open"
    )
    assert article.title == "Sorel vows to keep border crossings open “for as long as it takes”"
    assert article.authors == ["Mira Haldane", "Tomas Érdi"]
    assert article.author_is_organisation is False
    assert article.site_name == "The Caspian Ledger"
    assert article.lang == "en"
    # JSON-LD wins over OpenGraph, converted from +03:00 to UTC
    assert _when(article.published) == (
        datetime(2024, 5, 7, 10, 30, tzinfo=UTC),
        "second",
        "json-ld",
    )
    assert _when(article.modified) == (
        datetime(2024, 5, 7, 12, 5, 12, tzinfo=UTC),
        "second",
        "json-ld",
    )
    paragraphs = _paragraphs(article)
    assert paragraphs[0].startswith("Foreign minister Viktor Sorel told parliament")
    assert (
        "“We will not be the ones who shut the door on families,” Sorel said, to applause "
        "from the government benches. “Closing the crossings would punish the people who "
        "have done nothing wrong.”"
    ) in paragraphs
    assert paragraphs[-1].startswith("Sorel is due to travel")
    assert len(paragraphs) == 5
    assert article.title not in article.text  # the headline is the title, not body text
    assert "terrible decision" not in article.text  # reader comments
    assert "Photograph" not in article.text
    _assert_no_junk(article)
    assert article.problems == []


def test_article_with_only_opengraph_and_meta(page: Page) -> None:
    article = page("news_opengraph_only")
    # relative og:url made absolute; the fbclid of the fetched URL is gone either way
    assert article.url == "https://harbourgazette.example/business/port-strike-ends-4471"
    assert article.title == "Port strike ends after 11 days"
    assert article.authors == ["Lena Ostrova"]
    assert article.lang == "en"
    assert _when(article.published) == (
        datetime(2024, 2, 19, 7, 5, tzinfo=UTC),
        "second",
        "opengraph",
    )
    assert _when(article.modified) == (
        datetime(2024, 2, 19, 15, 40, 27, tzinfo=UTC),
        "second",
        "opengraph",
    )
    assert (
        '"This deal recognises the people who keep this port running through the night," said'
        in article.text
    )
    assert "Popular now" not in article.text and "newsletter" not in article.text
    _assert_no_junk(article)


def test_wordpress_press_release(page: Page) -> None:
    release = page("wordpress_press_release")
    # fetched as ?p=2231, keyed by the declared permalink
    assert release.url == (
        "https://coastal.gov.example/press-releases/minister-voss-welcomes-agreement-on-fisheries-quotas/"
    )
    assert release.title == "Minister Voss welcomes agreement on fisheries quotas"
    # the WordPress account "Press Office" is an office, not a person to quote
    assert (release.authors, release.author_is_organisation) == (["Press Office"], True)
    assert release.site_name == "Ministry of Coastal Affairs"
    # JSON-LD Article gives only the day; the WebPage node of the same graph the second
    assert _when(release.published) == (
        datetime(2024, 3, 12, 8, 2, 33, tzinfo=UTC),
        "second",
        "json-ld",
    )
    assert _when(release.modified) == (
        datetime(2024, 3, 12, 9, 14, 51, tzinfo=UTC),
        "second",
        "json-ld",
    )
    assert (
        "Speaking after the final session of talks, Minister Voss said: “This agreement gives our "
        "fishing communities the certainty they have been asking for."
    ) in release.text
    assert "Recent press releases" not in release.text
    assert "New grants for small harbours" not in release.text
    _assert_no_junk(release)


def test_govuk_speech(page: Page) -> None:
    speech = page("govuk_speech")
    assert speech.url == (
        "https://www.gov.uk/government/speeches/prime-ministers-statement-on-flood-recovery-15-january-2024"
    )
    assert speech.title == "Prime Minister's statement on flood recovery: 15 January 2024"
    # the JSON-LD author is the department, and is marked so: not the speaker
    assert speech.authors == ["Prime Minister's Office, 10 Downing Street"]
    assert speech.author_is_organisation is True
    assert speech.site_name == "GOV.UK"
    assert _when(speech.published) == (
        datetime(2024, 1, 15, 17, 20, 4, tzinfo=UTC),
        "second",
        "json-ld",
    )
    paragraphs = _paragraphs(speech)
    assert "Good afternoon." in paragraphs
    assert (
        "One woman told me: “We don’t need sympathy, we need the pumps to keep running.” "
        "She is right, and today I can confirm that they will."
    ) in paragraphs
    assert paragraphs[-1] == "Thank you."
    for junk in (
        "Cookies on GOV.UK",
        "Open Government Licence",
        "Crown copyright",
        "Report a problem",
    ):
        assert junk not in speech.text
    _assert_no_junk(speech)


def test_kremlin_transcript_keeps_speaker_turns(page: Page) -> None:
    transcript = page("kremlin_transcript")
    assert transcript.url == "http://en.kremlin.ru/events/president/transcripts/73901"
    assert transcript.title == "Meeting on regional road construction"
    assert transcript.site_name == "President of Russia"
    assert transcript.authors == []
    assert transcript.lang == "en"
    # microformat time: a day, stated without a time of day
    assert _when(transcript.published) == (datetime(2024, 5, 7, tzinfo=UTC), "day", "time-element")
    paragraphs = _paragraphs(transcript)
    assert paragraphs[0] == "V.Putin: Good afternoon, colleagues."
    assert "A.Lebedev: Mr President, colleagues," in paragraphs
    assert (
        "V.Putin: What exactly is holding things up? “Late snow” cannot be the answer "
        "for every region."
    ) in paragraphs
    assert sum(p.startswith("V.Putin:") for p in paragraphs) == 3
    for junk in ("Creative Commons", "Publication status", "Direct link", "Transcripts"):
        assert junk not in transcript.text


def test_turkish_presidency_statement(page: Page) -> None:
    statement = page("presidency_tr")
    assert statement.lang == "tr"
    assert statement.title == "“Bölgemizde kalıcı barış için çalışmaya devam edeceğiz”"
    assert statement.site_name == "Cumhurbaşkanlığı İletişim Örneği"
    assert (
        "Aydınoğlu, “Bölgemizde kalıcı barış için çalışmaya devam edeceğiz. Diplomasinin kapısını "
        "hiçbir zaman kapatmadık, kapatmayacağız” dedi."
    ) in _paragraphs(statement)
    assert "Kabine Toplantısı’nın" in statement.text  # typographic apostrophe kept
    assert "İlgili Haberler" not in statement.text and "Tüm hakları saklıdır" not in statement.text
    # the only date is "07.05.2024" in a div of an unknown class: not guessed (a source's
    # listing selectors can supply it); htmldate's extensive mode, which would find it,
    # also takes copyright years for dates, so it is off
    assert statement.published is None


def test_azerbaijani_statement_without_declared_language(page: Page) -> None:
    statement = page("presidency_az")
    assert statement.lang == "az"  # no lang anywhere: detected from the text
    assert (
        statement.title == "Prezident Əlövsət Qarayev Gəncədə yeni körpünün açılışında iştirak edib"
    )
    assert (
        "Dövlətimizin başçısı çıxışında bildirib: “Bu körpü təkcə iki sahili deyil, bütün bölgəni "
        "birləşdirir. Biz bu layihəni vaxtında və keyfiyyətlə başa çatdırdıq.”"
    ) in _paragraphs(statement)
    assert _when(statement.published) == (datetime(2024, 4, 22, tzinfo=UTC), "day", "url")


def test_russian_news_article(page: Page) -> None:
    article = page("russian_news")
    assert article.lang == "ru"
    assert article.title == "Министр заявил о продлении программы льготной ипотеки"
    assert article.authors == ["Анна Соколова"]
    assert _when(article.published) == (
        datetime(2024, 3, 11, 11, 5, tzinfo=UTC),
        "second",
        "json-ld",
    )
    assert (
        "«Мы не допустим резкого падения спроса на жильё. Решение о продлении программы уже "
        "согласовано с Министерством финансов», — сказал Ветров."
    ) in _paragraphs(article)
    assert "Все права защищены" not in article.text and "ипотека строительство" not in article.text


def test_time_element_in_the_article_not_the_sidebar(page: Page) -> None:
    article = page("time_element_only")
    assert _when(article.published) == (
        datetime(2024, 3, 2, 7, 0, tzinfo=UTC),
        "second",
        "time-element",
    )
    assert article.lang == "de"
    assert "„Wir wollen, dass niemand mehr auf das Auto angewiesen ist" in article.text
    assert "Feuerwehrfest" not in article.text


def test_page_without_dates(page: Page) -> None:
    about = page("no_dates")
    assert about.published is None and about.modified is None  # "© 2024" is not a date
    assert about.title == "About the Ministry"  # " | Ministry of Examples" dropped: the h1 says so
    assert about.text.startswith("The Ministry of Examples is responsible")
    assert about.description == "What the Ministry of Examples does and how it is organised."


def test_malformed_jsonld_is_repaired_where_possible(page: Page) -> None:
    article = page("malformed_jsonld")
    assert article.url == "https://valleycourier.example/news/court-rejects-pipeline-appeal"
    assert article.title == "Court rejects appeal in pipeline case"
    assert article.authors == ["Ines Carrow"]  # from the block with trailing commas
    assert _when(article.published) == (datetime(2024, 6, 1, 7, 0, tzinfo=UTC), "second", "json-ld")
    assert article.problems == ["malformed JSON-LD blocks: 1"]
    assert (
        '"The court has found no error in the way the route was chosen," presiding judge'
        in article.text
    )


def test_broken_markup(page: Page) -> None:
    statement = page("broken")
    assert statement.title == "Statement of the Ministry"
    assert statement.url == "https://ministry.example/statements/417"
    assert _paragraphs(statement)[:2] == [
        "The Ministry “strongly condemns” the decision taken yesterday, its spokesperson said "
        "in a short statement to reporters.",
        '"We call on all sides to return to the table," the spokesperson added, without giving '
        "further details.",
    ]
    assert "document.write" not in statement.text
    assert statement.published is None  # "not a date" in the meta is ignored


def test_text_format_is_paragraphs_separated_by_blank_lines(page: Page) -> None:
    for name in ("news_jsonld_graph", "govuk_speech", "kremlin_transcript", "russian_news"):
        text = page(name).text
        assert "\n\n\n" not in text
        assert all(p == p.strip() and p for p in text.split("\n\n"))
        assert "  " not in text


def test_teaser_articles_above_the_story_stay_out() -> None:
    teasers = "".join(
        f"<article class='teaser'><h3><a href='/s/{i}'>Other story {i}</a></h3>"
        f"<p>Teaser for other story {i}.</p><time datetime='2024-01-0{i + 1}'>Jan</time></article>"
        for i in range(5)
    )
    html = (
        "<html><body><section class='related-stories'>" + teasers + "</section>"
        "<div id='content'><h1>Ministry statement</h1>"
        "<p>The ministry said on Friday that “the talks will continue next week”.</p>"
        "<p>A second paragraph of the statement gives the details of the talks.</p></div>"
        "</body></html>"
    )
    statement = extract_page(html, "https://gov.example/statements/17")
    assert statement.text == (
        "The ministry said on Friday that “the talks will continue next week”.\n\n"
        "A second paragraph of the statement gives the details of the talks."
    )
    assert statement.published is None  # the teasers' dates are not the statement's
