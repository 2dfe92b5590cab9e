"""The quota engine: candidate lists and boards against Indonesia's gender quota law."""

from kppi_core.model.lists import ListFacts
from kppi_core.quota.engine import check_boards, check_list, check_lists
from kppi_core.quota.findings import (
    Finding,
    ListResult,
    Move,
    QuotaReport,
    Repair,
    Status,
    Summary,
    Verdict,
)
from kppi_core.quota.rules import (
    BoardFacts,
    BoardRule,
    BoardWomenShare,
    GenderUnknown,
    ListLength,
    ListNumbering,
    ListRule,
    Rounding,
    WomenShare,
    Zipper,
    required_women,
)
from kppi_core.quota.rulesets import (
    DEFAULT_RULE_SET,
    RuleSet,
    get_rule_set,
    register_rule_set,
    rule_sets,
)

__all__ = [
    "DEFAULT_RULE_SET",
    "BoardFacts",
    "BoardRule",
    "BoardWomenShare",
    "Finding",
    "GenderUnknown",
    "ListFacts",
    "ListLength",
    "ListNumbering",
    "ListResult",
    "ListRule",
    "Move",
    "QuotaReport",
    "Repair",
    "Rounding",
    "RuleSet",
    "Status",
    "Summary",
    "Verdict",
    "WomenShare",
    "Zipper",
    "check_boards",
    "check_list",
    "check_lists",
    "get_rule_set",
    "register_rule_set",
    "required_women",
    "rule_sets",
]
