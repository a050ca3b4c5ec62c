"""Why a translation could not be made, in words a reader can act on.

Every failure the reader shows in place of a translation is a
:class:`TranslationError` whose ``str()`` is the user-facing message.
"""

from __future__ import annotations


class TranslationError(Exception):
    """Base class: the message is meant for the user."""


class UnknownLanguage(TranslationError):
    """The article's language is not known, so no model can be chosen."""


class SameLanguage(TranslationError):
    """The article is already in the target language."""


class PackageError(TranslationError):
    """An Argos package file or folder cannot be used (corrupt, unsafe, incomplete)."""


def install_hint(from_code: str, to_code: str) -> str:
    """The exact command that would provide a ``from_code``→``to_code`` package.

    We cannot know the file's name (it depends on where the user got it), so
    the pattern Argos uses for its own files is given as an example.
    """
    return (
        f"an Argos package {from_code}→{to_code} "
        f"(e.g. translate-{from_code}_{to_code}-*.argosmodel): "
        f"tandem models install PATH/TO/FILE.argosmodel"
    )


class MissingPackage(TranslationError):
    """No installed package (direct or through English) covers the pair."""

    def __init__(self, source: str, target: str, missing: tuple[tuple[str, str], ...]):
        self.source = source
        self.target = target
        self.missing = missing
        """Pairs that, once installed, would make a route (the first is preferred)."""
        super().__init__(self._message())

    def _message(self) -> str:
        head = f"No Argos model for {self.source}→{self.target} is installed."
        text = f"{head} Install " + "; and ".join(self.commands)
        if (self.source, self.target) not in self.missing:
            text += f" (a direct {self.source}→{self.target} package would also do)"
        return text

    @property
    def commands(self) -> list[str]:
        """One hint per missing package, for display as separate lines."""
        return [install_hint(a, b) for a, b in self.missing]
