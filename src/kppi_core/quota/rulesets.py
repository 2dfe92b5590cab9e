"""Rule sets: named bundles of rules.

The two built-in rule sets are constants here (:data:`BUILTIN`), also declared
through the ``kppi_register_rule_sets`` hook like a plugin's. There is one
registry of rule sets, the plugin manager's (:func:`kppi_core.plugins.rule_sets`);
this module does not call up into it: a caller that takes plugins' rule sets
(the ``kppi`` command) looks them up there and hands the :class:`RuleSet` in.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable, Mapping

import attrs

from kppi_core.errors import InvalidArgument, UnknownRuleSet
from kppi_core.i18n import N_
from kppi_core.quota.rules import (
    BoardRule,
    BoardWomenShare,
    GenderUnknown,
    ListLength,
    ListNumbering,
    ListRule,
    Rounding,
    WomenShare,
    Zipper,
)

__all__ = [
    "BUILTIN",
    "DEFAULT_RULE_SET",
    "RuleSet",
    "get_rule_set",
    "register_rule_set",
    "rule_sets",
]


@attrs.frozen
class RuleSet:
    """A named bundle of list and board rules, with the law it reads."""

    id: str
    title: str
    list_rules: tuple[ListRule, ...]
    board_rules: tuple[BoardRule, ...] = ()
    description: str = ""

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Every rule's id, list rules first."""
        return tuple(r.id for r in self.list_rules) + tuple(r.id for r in self.board_rules)


def _law(rounding: Rounding) -> tuple[ListRule, ...]:
    return (ListNumbering(), ListLength(), WomenShare(rounding), Zipper(), GenderUnknown())


UU7_2017 = RuleSet(
    id="uu7-2017",
    title=N_("UU 7/2017: 30% women, rounded up (Supreme Court decision 24 P/HUM/2023)"),
    list_rules=_law(Rounding.CEILING),
    board_rules=(BoardWomenShare(),),
    description="The law as the Supreme Court read it: 30% × n always rounded up.",
)
PKPU_10_2023 = RuleSet(
    id="pkpu-10-2023",
    title=N_("PKPU 10/2023 art. 8(2): 30% women, rounded half-up (as KPU applied it in 2024)"),
    list_rules=_law(Rounding.HALF_UP),
    board_rules=(BoardWomenShare(),),
    description="Decimals below .50 round down: lists of 4, 7, 8 and 11 need one woman fewer.",
)

#: The rule set used when none is named.
DEFAULT_RULE_SET = UU7_2017.id

#: The built-in rule sets by id.
BUILTIN: Mapping[str, RuleSet] = {UU7_2017.id: UU7_2017, PKPU_10_2023.id: PKPU_10_2023}


def rule_sets() -> dict[str, RuleSet]:
    """The built-in rule sets by id (plugins' are :func:`kppi_core.plugins.rule_sets`)."""
    return dict(BUILTIN)


def get_rule_set(rule_set: str | RuleSet, known: Mapping[str, RuleSet] | None = None) -> RuleSet:
    """The rule set with this id among the built-ins and ``known`` (say, the
    plugins' rule sets); a :class:`RuleSet` passes through."""
    if isinstance(rule_set, RuleSet):
        return rule_set
    found = BUILTIN.get(rule_set)
    if found is None and known is not None:
        found = known.get(rule_set)
    if found is None:
        names = ", ".join(sorted({*BUILTIN, *(known or ())}))
        hint = "" if known is not None else " (a plugin's: pass its RuleSet, or `kppi --rules`)"
        raise UnknownRuleSet(f"no rule set {rule_set!r}; known: {names}{hint}")
    return found


def register_rule_set(rule_set: RuleSet, *, replace: bool = False) -> None:
    """Deprecated: register a plugin with a ``kppi_register_rule_sets`` hook (or
    ``kppi_core.plugins.get_plugins().register(...)``). Registers ``rule_set``
    with the process's plugin manager, the one registry of rule sets."""
    warnings.warn(
        "register_rule_set is deprecated: register a plugin with kppi_register_rule_sets",
        DeprecationWarning,
        stacklevel=2,
    )
    if rule_set.id in BUILTIN:
        raise InvalidArgument(f"rule set {rule_set.id!r} is built in")
    # The manager is a layer above: imported by name, and only by this deprecated alias.
    plugins = importlib.import_module("kppi_core.plugins").get_plugins()
    hookimpl = importlib.import_module("kppi_core.hookspecs").hookimpl

    class OneRuleSet:
        """A plugin registering ``rule_set``."""

        @hookimpl  # type: ignore[untyped-decorator]
        def kppi_register_rule_sets(self, register: Callable[[RuleSet], None]) -> None:
            register(rule_set)

    name = f"rule-set:{rule_set.id}"
    if replace:
        plugins.unregister(name)
    plugins.register(OneRuleSet(), name=name)
