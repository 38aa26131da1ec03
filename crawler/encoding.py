"""Decoding fetched pages: the declared encoding when it is true, detection when not.

Scrapy decodes by the HTTP header, a BOM or the meta tag. Government sites
sometimes declare one encoding and send another (a windows-1251 page labelled
UTF-8); the decoded text then fills with replacement characters. When that
happens, charset-normalizer guesses from the bytes.
"""

from __future__ import annotations

from charset_normalizer import from_bytes

# More than this share of U+FFFD in the decoded text means the label lied.
# One stray bad byte in a long page is tolerated (it happens in real feeds).
MAX_REPLACEMENT_SHARE = 0.001


def decode_html(
    body: bytes, declared_text: str, declared_encoding: str | None
) -> tuple[str, str | None, str | None]:
    """(text, encoding used, a note when the declared encoding was wrong)."""
    bad = declared_text.count("\ufffd")
    if not body or bad <= max(1, len(declared_text) * MAX_REPLACEMENT_SHARE):
        return declared_text, declared_encoding, None
    best = from_bytes(body).best()
    if best is None or best.encoding is None:
        return declared_text, declared_encoding, None
    guessed = str(best)
    if guessed.count("\ufffd") >= bad:
        return declared_text, declared_encoding, None
    note = (
        f"declared encoding {declared_encoding or 'unknown'} was wrong; decoded as {best.encoding}"
    )
    return guessed, best.encoding, note
