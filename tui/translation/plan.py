"""Which installed packages translate a language pair: direct, or through English.

Argos publishes almost only X↔English packages, so fa→de is usually fa→en
then en→de. A chained translation is labelled as pivoted (``Provenance.pivot``)
and keyed in the cache under both models, never passed off as direct.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.translated import Provenance
from tui.translation.errors import MissingPackage, SameLanguage
from tui.translation.packages import PackageInfo

ENGINE = "argos"
PIVOT = "en"
"""The language a chained translation passes through (fa→en→de), because Argos
publishes almost only X↔English packages: a fact of the package catalogue, not
the user's target language (:mod:`tui.target_language`)."""

_ALIASES: dict[str, tuple[str, ...]] = {
    # Argos's codes where they differ from ISO 639-1.
    "zh": ("zh", "zt"),
    "pt": ("pt", "pb"),
}


def argos_codes(language: str) -> tuple[str, ...]:
    """Package codes that stand for ``language`` (ISO 639-1)."""
    base = language.lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, (base,))


@dataclass(frozen=True, slots=True)
class Route:
    """Packages to apply in order; more than one step means pivoted."""

    source: str
    target: str
    steps: tuple[PackageInfo, ...]

    @property
    def pivot(self) -> str | None:
        return PIVOT if len(self.steps) > 1 else None

    @property
    def provenance(self) -> Provenance:
        return Provenance(
            engine=ENGINE,
            model="+".join(step.code for step in self.steps),
            version="+".join(step.version for step in self.steps) or None,
            pivot=self.pivot,
        )


def _find(packages: Iterable[PackageInfo], source: str, target: str) -> PackageInfo | None:
    """The newest package for the pair (``packages`` lists newest first)."""
    sources, targets = argos_codes(source), argos_codes(target)
    for package in packages:
        if package.from_code in sources and package.to_code in targets:
            return package
    return None


def plan_route(source: str, target: str, packages: Iterable[PackageInfo]) -> Route:
    """A direct route if one is installed, else through English.

    Raises :class:`SameLanguage` when there is nothing to translate and
    :class:`MissingPackage` (with the install commands) when no route exists.
    """
    packages = list(packages)
    if set(argos_codes(source)) & set(argos_codes(target)):
        raise SameLanguage(f"the text is already in {target}")
    direct = _find(packages, source, target)
    if direct is not None:
        return Route(source, target, (direct,))
    if PIVOT in (argos_codes(source) + argos_codes(target)):
        raise MissingPackage(source, target, ((source, target),))
    first = _find(packages, source, PIVOT)
    second = _find(packages, PIVOT, target)
    if first is not None and second is not None:
        return Route(source, target, (first, second))
    missing = tuple(pair for pair, have in (((source, PIVOT), first), ((PIVOT, target), second)) if have is None)
    raise MissingPackage(source, target, missing)
