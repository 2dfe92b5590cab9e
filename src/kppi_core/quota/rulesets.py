"""Rule sets: named bundles of rules, and the registry plugins add to.

The two built-in rule sets are registered through the ``kppi_register_rule_sets``
hook like a plugin's; :func:`get_rule_set` and :func:`rule_sets` also see the
ones installed plugins register (the plugin manager loads on first need).
"""

from __future__ import annotations

import attrs

from kppi_core.errors import UnknownRuleSet
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
    title="UU 7/2017, 30% rounded up (Supreme Court decision 24 P/HUM/2023)",
    list_rules=_law(Rounding.CEILING),
    board_rules=(BoardWomenShare(),),
    description="The law as the Supreme Court read it: 30% × n always rounded up.",
)
PKPU_10_2023 = RuleSet(
    id="pkpu-10-2023",
    title="PKPU 10/2023 art. 8(2), 30% rounded half-up (as KPU applied it in 2024)",
    list_rules=_law(Rounding.HALF_UP),
    board_rules=(BoardWomenShare(),),
    description="Decimals below .50 round down: lists of 4, 7, 8 and 11 need one woman fewer.",
)

#: The rule set used when none is named.
DEFAULT_RULE_SET = UU7_2017.id

_REGISTRY: dict[str, RuleSet] = {UU7_2017.id: UU7_2017, PKPU_10_2023.id: PKPU_10_2023}


def register_rule_set(rule_set: RuleSet, *, replace: bool = False) -> None:
    """Make ``rule_set`` available by its id. Refuses to shadow one unless ``replace``."""
    if rule_set.id in _REGISTRY and not replace:
        raise ValueError(f"rule set {rule_set.id!r} is already registered")
    _REGISTRY[rule_set.id] = rule_set


def _from_plugins() -> dict[str, RuleSet]:
    from kppi_core.plugins import rule_sets as plugin_rule_sets

    return plugin_rule_sets()


def rule_sets() -> dict[str, RuleSet]:
    """Every rule set by id: built-ins, then those registered in code, then plugins'."""
    return {**_REGISTRY, **{k: v for k, v in _from_plugins().items() if k not in _REGISTRY}}


def get_rule_set(rule_set: str | RuleSet) -> RuleSet:
    """The rule set with this id (a :class:`RuleSet` passes through)."""
    if isinstance(rule_set, RuleSet):
        return rule_set
    found = _REGISTRY.get(rule_set)  # built-ins need no plugin loading
    if found is None:
        found = _from_plugins().get(rule_set)
    if found is None:
        known = ", ".join(sorted(rule_sets()))
        raise UnknownRuleSet(f"no rule set {rule_set!r}; known: {known}")
    return found
