"""QuotaReport.summary and .ok give what counting result by result gives."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from kppi_core.quota import Finding, ListResult, QuotaReport, Status
from kppi_core.quota.findings import Summary, Verdict
from kppi_core.rejections import Rejection

finding = st.builds(
    Finding,
    st.sampled_from(["list-zipper", "list-length", "list-women-share"]),
    st.sampled_from(Status),
    st.just("DPR"),
    st.just("D1"),
    st.just("A"),
    st.just("m"),
    st.just("law"),
    st.integers(0, 9),
    st.integers(0, 9),
)
result = st.builds(
    ListResult,
    st.just("DPR"),
    st.just("D1"),
    st.sampled_from(["A", "B"]),
    st.sampled_from(Verdict),
    st.lists(finding, max_size=4).map(tuple),
)
report = st.builds(
    QuotaReport,
    st.just("uu7-2017"),
    st.lists(result, max_size=12).map(tuple),
    st.lists(st.just(Rejection("f.csv", 2, None, "bad")), max_size=2).map(tuple),
)


def reference(r: QuotaReport) -> Summary:
    """The summary as it was computed before it was made faster (commit 0ca1dab)."""
    by_verdict = Counter(x.verdict for x in r.results)
    violated: Counter[str] = Counter()
    for x in r.results:
        violated.update({f.rule for f in x.findings if f.status is Status.VIOLATION})
    return Summary(
        lists=len(r.results),
        compliant=by_verdict[Verdict.COMPLIANT],
        noncompliant=by_verdict[Verdict.NONCOMPLIANT],
        undetermined=by_verdict[Verdict.UNDETERMINED],
        violations=dict(sorted(violated.items())),
        rejected=len(r.rejected),
        # A rejection that says nothing of its list could be any list's row.
        unplaced=sum(1 for x in r.rejected if x.where is None),
    )


@settings(max_examples=300, deadline=None)
@given(report)
def test_summary_and_ok(r: QuotaReport) -> None:
    s = r.summary
    assert s == reference(r)
    assert list(s.violations) == sorted(s.violations)
    ok = not r.rejected and all(x.verdict is Verdict.COMPLIANT for x in r.results)
    assert r.ok is ok
