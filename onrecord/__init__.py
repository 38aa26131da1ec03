"""onrecord: who said what, when, where, and who repeated it.

The application shell (config, CLI, web UI) over ``store``, ``crawler`` and
``scheduler``.
"""

__version__ = "0.1.0"
