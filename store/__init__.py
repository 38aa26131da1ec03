"""The data layer of onrecord: models, engine set-up, migrations, search, queries.

Imports nothing of the other packages. Import submodules directly
(``from store.db import open_store``); this package file stays empty so that
``store.text`` can be used without loading SQLAlchemy.
"""
