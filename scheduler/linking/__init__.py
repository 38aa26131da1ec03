"""The linking job: near-duplicate quotations grouped, quotations linked to news articles.

Modules, one job each:

- ``thresholds``: every tuned number, with how it was calibrated;
- ``words``: folding and word classes (function words, negations, names);
- ``compare``: whether two wordings are one quotation (variants, parts);
- ``grouping``: candidate pairs from a shingle index, merge groups;
- ``merging``: grouping in the database (move occurrences, first said);
- ``vocabulary``: document frequencies of the news, for idf;
- ``names``: whether an article names a speaker;
- ``evidence``: ``reports`` and ``covers`` for one article, with reasons;
- ``loading``: quotation profiles and news articles read from the store;
- ``links``: writing links (add, upgrade, never duplicate);
- ``job``: ``run_linking`` and its report, incremental by watermarks.

Precision and recall on the labelled set: ``python tests/linking/labelled.py``.
Speed: ``bench/link.py``.

Use: ``from scheduler.linking.job import run_linking``.
"""
