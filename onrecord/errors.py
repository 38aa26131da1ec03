"""Errors a person can act on: the CLI prints their message, never a traceback."""


class UserError(Exception):
    """Bad input or an unusable environment, explained in one line."""
