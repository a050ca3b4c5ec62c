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


WHERE_PACKAGES_COME_FROM = (
    "Argos packages (.argosmodel files) are listed with their download links in the Argos package index "
    "(index.json in github.com/argosopentech/argospm-index); "
    "on a server without internet, download the file on another machine and copy it over."
)
"""One sentence on where a package comes from, said wherever a missing one is."""


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
        return f"{text}. {WHERE_PACKAGES_COME_FROM}"

    @property
    def short(self) -> str:
        """For a one-line header: the pair, without the instructions."""
        return f"no Argos model {self.source}→{self.target}"

    @property
    def commands(self) -> list[str]:
        """One hint per missing package, for display as separate lines."""
        return [install_hint(a, b) for a, b in self.missing]
