"""Errors of the store that a person can act on (the CLI prints the message)."""


class StoreError(Exception):
    """Base: the message says what went wrong and what to do."""


class DatabaseUnavailable(StoreError):
    """The database cannot be reached or opened."""


class SchemaMismatch(StoreError):
    """The database schema is older or newer than this version of onrecord."""


class NotFound(StoreError):
    """No row with the id asked for."""


class InvalidQuery(StoreError):
    """A search query or filter that cannot be run."""
