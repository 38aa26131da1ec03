"""`onrecord demo`: the whole loop on a bundled sample site, with no internet.

The site (``onrecord/demo/site``) is written for the project in the real shapes
of ../shared/SOURCES.md: a presidency's RSS feed, a ministry's listing pages,
a Mastodon account's API answers, a Telegram channel's preview page, and a
news site's feed with articles that quote, paraphrase, or ignore the
officials. Everything in it is invented (the Republic of Veloria and its
officials); pages declare canonical addresses on ``.example`` domains, so
the documents keep one identity however often the demo runs.
"""
