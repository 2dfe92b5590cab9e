"""The words for the domain's stable ids, marked for the catalogs (docs/glossary-id.md).

Findings, verdicts and chambers keep language-free ids (``"noncompliant"``,
``"list-zipper"``, ``"dprd_regency"``); a renderer shows them through these
tables, translated in the reader's language::

    lang = kppi_core.i18n.language("id")
    lang.gettext(VERDICTS["noncompliant"])        # 'tidak memenuhi'
    lang.nformat(*REPAIRS["add-women"], 1)         # 'tambahkan 1 calon perempuan'

Each English msgid is plain English; the Indonesian is KPU's and the law's own
wording, cited with translator comments in the catalog. Messages with fields
fill them with :meth:`kppi_core.i18n.Language.format` or ``nformat`` (the
plural pairs are ``(singular, plural)``; Indonesian has one form).
"""

from __future__ import annotations

from kppi_core.i18n import N_

__all__ = [
    "CHAMBERS",
    "GENDERS",
    "LABELS",
    "LAW",
    "REPAIRS",
    "ROUNDING",
    "RULES",
    "STATUSES",
    "TERMS",
    "VERDICTS",
]


def _n(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for the catalog (``ngettext``'s first two arguments)."""
    return (singular, plural)


#: A list's verdict (quota.Verdict values). KPU's own statuses are MS / TMS
#: (Memenuhi Syarat / Tidak Memenuhi Syarat); see the glossary.
VERDICTS = {
    # TRANSLATORS: A list's verdict. KPU verifies a list as MS (Memenuhi Syarat); the verdict
    # 'memenuhi' corresponds to MS for the rules kppi checks only.
    "compliant": N_("compliant"),
    # TRANSLATORS: A list's verdict; corresponds to KPU's TMS (Tidak Memenuhi Syarat) for the
    # rules kppi checks. KPU's 'BMS' (belum memenuhi syarat, still repairable) is not a kppi
    # verdict.
    "noncompliant": N_("not compliant"),
    # TRANSLATORS: A list's verdict when data are missing (a candidate's sex not stated, rows
    # rejected): neither MS nor TMS.
    "undetermined": N_("cannot be determined yet"),
}

#: What a finding says about its rule (quota.Status values).
STATUSES = {
    "violation": N_("violation"),
    "undetermined": N_("cannot be determined yet"),
    "note": N_("note"),
}

#: Each rule by its id: what it requires, in the law's words.
RULES = {
    # TRANSLATORS: UU 7/2017 Pasal 245 as quoted in reports of the 2023 Bawaslu case
    # (tribunnews.com, 21 Nov 2023) and PKPU 10/2023 Pasal 8(1): 'memuat keterwakilan perempuan
    # paling sedikit 30%'. The law says 'paling sedikit'; older texts (UU 12/2003 Pasal 65, PKPU
    # 7/2013 Pasal 11) say 'sekurang-kurangnya'. Same meaning: at least.
    "list-women-share": N_("at least 30% women on the list"),
    # TRANSLATORS: UNSURE: wording of UU 8/2012 Pasal 56(2) and PKPU 7/2013 Pasal 11 huruf d
    # ('setiap 3 (tiga) orang bakal calon terdapat sekurang-kurangnya 1 (satu) orang perempuan
    # bakal calon'). The text of UU 7/2017 Pasal 246(2) was not found in the stored sources; it
    # may read 'paling sedikit'. Check against the official text (JDIH KPU) before a release.
    "list-zipper": N_("at least 1 woman in every 3 candidates"),
    # TRANSLATORS: UU 8/2012 Pasal 54 (id.wikisource.org, UU-8-2012.pdf p. 31): 'paling banyak
    # 100% (seratus persen) dari jumlah kursi pada setiap daerah pemilihan'; the same rule in UU
    # 7/2017 Pasal 244 (believed, not verified).
    "list-length": N_("at most as many candidates as the district has seats"),
    "list-numbering": N_("list numbers 1 to n, each once"),
    "list-incomplete": N_("every row of the list read"),
}

#: How 30% of a list is rounded (quota.Rounding values).
ROUNDING = {
    "ceiling": N_("rounded up"),
    # TRANSLATORS: PKPU 10/2023 Pasal 8(2) as reported: decimals below 50 round down, 50 and above
    # round up (voxindonews.com, 14 Apr 2023).
    "half-up": N_("rounded half up (below .50 down, .50 and above up)"),
}

#: What an election fills (model.Chamber values).
CHAMBERS = {
    "dpr": N_("DPR (national parliament)"),
    "dpd": N_("DPD (regional senate)"),
    "dprd_province": N_("provincial council (DPRD Provinsi)"),
    "dprd_regency": N_("regency/city council (DPRD Kabupaten/Kota)"),
    "regional_head": N_("regional head election (Pilkada)"),
}

#: A candidate's declared sex (model.Gender values).
GENDERS = {
    "female": N_("woman"),
    "male": N_("man"),
    "unknown": N_("not stated"),
}

#: The repairs a finding proposes, as plural pairs over a count ``{n}``, or
#: messages with list numbers ``{a}``/``{b}`` and ``{first}``–``{last}``.
REPAIRS = {
    "replace-men": _n(
        "replace {n} male candidate with a female candidate",
        "replace {n} male candidates with female candidates",
    ),
    "add-women": _n("add {n} female candidate", "add {n} female candidates"),
    "add-or-replace": _n(
        "add {n} female candidate or replace {n} male candidate with a female candidate",
        "add {n} female candidates or replace {n} male candidates with female candidates",
    ),
    "remove": _n("remove {n} candidate from the list", "remove {n} candidates from the list"),
    "swap": N_("swap list numbers {a} and {b}"),
    "renumber": N_("number the list 1 to {n} without gaps or repeats"),
}

#: Sentences of findings and summaries that phase 2 of the translation wires
#: into the reports: plural pairs over ``{n}``, or messages with fields.
TERMS = {
    "women-of": _n(  # the plural follows {n}, the women
        "{n} of {total} candidates is a woman; {needed} needed",
        "{n} of {total} candidates are women; {needed} needed",
    ),
    "no-woman-in-block": N_("no woman among list numbers {first}–{last}"),
    "too-many": _n(
        "{n} candidate for {seats} seats: {excess} too many",
        "{n} candidates for {seats} seats: {excess} too many",
    ),
    "short": _n("{n} woman short", "{n} women short"),
    "seats-of": _n(
        "{part} of {n} seat", "{part} of {n} seats"
    ),  # the plural follows {n}, all seats
    "candidates": _n("{n} candidate", "{n} candidates"),
    "lists": _n("{n} list", "{n} lists"),
    "lists-summary": N_(
        "{lists}: {compliant} compliant, {noncompliant} not compliant, "
        "{undetermined} cannot be determined yet"
    ),
    # TRANSLATORS: UNSURE: an 'ambiguity' is two registry records that may be the same person,
    # waiting for a person's decision. No KPU term found; SIPOL speaks of 'data ganda'.
    "open-ambiguities": _n("{n} open ambiguity", "{n} open ambiguities"),
    "records-read": N_("{records} records read: {accepted} accepted, {rejected} rejected"),
    "share-of-women": N_("{share} women"),
    "rule-set": N_("Rule set"),
    "source": N_("Source"),
    "district": N_("electoral district (dapil)"),
    "list-number": N_("list number"),
    "party": N_("political party"),
    "candidate": N_("candidate"),
    "final-list": N_("Final Candidate List (DCT)"),
    "provisional-list": N_("Provisional Candidate List (DCS)"),
    "womens-representation": N_("women's representation"),
    "repair": N_("repair"),
    "law": N_("law"),
    # TRANSLATORS: UNSURE: 'rekaman' for a data record; 'baris data' may read better to officers
    # for CSV rows.
    "rejected-record": N_("rejected record"),
}

#: How the reports cite the law (``{law}`` such as "UU 7/2017").
LAW = {
    "article": N_("{law} art. {article}"),
    "paragraph": N_("{law} art. {article}({paragraph})"),
    "rounding-up": N_("rounding up: {citations}"),
    "rounding-half-up": N_("rounding half-up: {citations}"),
    "supreme-court": N_("Supreme Court decision {number}"),
}

#: A table column's or a report fact's label, by its stable key (the key is
#: what CSV headers and JSON use; a reader sees the label). Formats look the
#: key up here (:func:`kppi_core.render.words.label`); a key not here is shown
#: as it is, underscores as spaces.
LABELS = {
    # kppi check's tables
    "party": N_("party"),
    "lists": N_("lists"),
    "candidates": N_("candidates"),
    "women": N_("women"),
    "share": N_("share"),
    "required": N_("required"),
    "noncompliant": N_("not compliant"),
    "undetermined": N_("cannot be determined yet"),
    "compliant": N_("compliant"),
    "woman_at_1": N_("woman at no. 1"),
    "man_at_1": N_("man at no. 1"),
    "unknown_at_1": N_("not stated at no. 1"),
    "share_woman_at_1": N_("share woman at no. 1"),
    "election": N_("election"),
    "district": N_("district"),
    "position_1": N_("no. 1"),
    "sexes": N_("sex by list number"),
    # kppi training report, training completion, outreach, follow-ups and funnel
    "training": N_("training"),
    "organised_by": N_("organised by"),
    "co_organised_by": N_("co-organised by"),
    "dates": N_("dates"),
    "sessions": N_("sessions"),
    "participants": N_("participants"),
    "first_time": N_("first time"),
    "returning": N_("returning"),
    "earlier_trainings": N_("earlier trainings"),
    "session": N_("session"),
    "date": N_("date"),
    "audience": N_("audience"),
    "attended": N_("attended"),
    "organisation": N_("organisation"),
    "person_id": N_("person id"),
    "speaker": N_("speaker"),
    "speaks_for": N_("speaks for"),
    "topic": N_("topic"),
    "name": N_("name"),
    "rule": N_("rule"),
    "completed": N_("completed"),
    "one_session_short": N_("one session short"),
    "short": N_("sessions short"),
    "no": N_("no."),
    "branch": N_("branch"),
    "on": N_("on"),
    "board_members": N_("board members"),
    "women_cadres_in_area": N_("women cadres in the area"),
    "reached_by_a_training": N_("reached by a training"),
    "never_reached": N_("never reached"),
    "share_reached": N_("share reached"),
    "parties_with_no_one_on_the_board": N_("parties with no one on the board"),
    "role": N_("role"),
    "capacity": N_("capacity"),
    "women_cadres": N_("women cadres"),
    "on_board": N_("on the board"),
    "trained": N_("trained"),
    "share_trained": N_("share trained"),
    "follow_up": N_("follow-up"),
    "description": N_("description"),
    "due": N_("due"),
    "done": N_("done"),
    "status": N_("status"),
    "trainings": N_("trainings"),
    "trained_cadres": N_("trained cadres"),
    "cascade_sessions_held": N_("cascade sessions held"),
    "reached_by_cascades": N_("reached by cascades"),
    "parties_with_no_cascade_yet": N_("parties with no cascade yet"),
    "partner_womens_organisations": N_("partner women's organisations"),
    "joint_activities": N_("joint activities"),
    "share_of_trainings_co_organised": N_("share of trainings co-organised"),
    "share_co_organised_with_womens_organisations": N_(
        "share co-organised with women's organisations"
    ),
    "follow_ups": N_("follow-ups"),
    "cadre_id": N_("cadre id"),
    "cadre": N_("cadre"),
    "where": N_("where"),
    "reached": N_("reached"),
    "cadres_who_cascaded": N_("cadres who cascaded"),
    "organisation_id": N_("organisation id"),
    "came_to_a_training": N_("came to a training"),
    "trainings_co_organised": N_("trainings co-organised"),
    "first_block": N_("first block"),
    "elected": N_("elected"),
    "stood_for_the_first_time": N_("stood for the first time"),
    "candidates_per_trained": N_("candidates per trained cadre"),
    "first_block_per_candidate": N_("first block per candidate"),
    "elected_per_candidate": N_("elected per candidate"),
    "first_time_per_candidate": N_("first time per candidate"),
    "stage": N_("stage"),
    "persons": N_("persons"),
    "share_of_previous": N_("share of the stage before"),
    "person_ids": N_("person ids"),
    # kppi seats and kppi representation (render/seats.py)
    "seats": N_("seats"),
    "kind": N_("kind"),
    "party_seats": N_("party seats"),
    "list_position": N_("list number"),
    "gender": N_("sex (P/L)"),
    "votes": N_("votes"),
    "note": N_("note"),
    "council": N_("council"),
    "chamber": N_("chamber"),
    "region": N_("region"),
    "source": N_("source"),
    "percent": N_("percent"),
    "required_30": N_("women for 30%"),
    "missing_30": N_("women short of 30%"),
    "required_15": N_("women for 15%"),
    "missing_15": N_("women short of 15%"),
    "women_seats": N_("women / seats"),
    "to_30": N_("to 30%"),
    "to_15": N_("to 15%"),
    # kppi registry build and kppi inspect (facts and columns)
    "records_read": N_("records read"),
    "merges": N_("merges"),
    # TRANSLATORS: UNSURE "id dialihkan": old ids that now point to the merged person.
    "redirected_ids": N_("redirected ids"),
    # TRANSLATORS: UNSURE "kemiripan yang belum diputuskan" (docs/glossary-id.md).
    "open_ambiguities": N_("open ambiguities"),
    "decisions_applied": N_("decisions applied"),
    "flags": N_("flags"),
    "rejected_records": N_("rejected records"),
    "written_to": N_("written to"),
    "ambiguity": N_("ambiguity"),
    "a_name": N_("a's name"),
    "b_name": N_("b's name"),
    "reasons": N_("reasons"),
    "a_record": N_("a's record"),
    "b_record": N_("b's record"),
    "flag": N_("flag"),
    "detail": N_("detail"),
    "sources": N_("sources"),
    "line": N_("line"),
    "field": N_("field"),
    "reason": N_("reason"),
    "records": N_("records"),
    "candidate_lists": N_("candidate lists"),
    "rejected": N_("rejected"),
    "type": N_("type"),
    "value": N_("value"),
    "shortfall": N_("shortfall"),
    "positions": N_("list numbers"),
    "message": N_("message"),
    "unknown": N_("sex not stated"),
    "repair": N_("repair"),
    "legal_source": N_("legal source"),
    "file": N_("file"),
}
