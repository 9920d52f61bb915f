"""The canonical cell keys of ``../shared/spec/format-2021.md``, written out
by hand for the tests.

They are deliberately not read from ``rules/tables-2021.yaml``: a test that
took its expectations from the template it checks could not fail when the
template is wrong.
"""

T3_COLUMNS = ("natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total")
T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T3_ROWS = (
    "new", "carried_over", "granted", "partial",
    "denied_state_secret", "denied_by_law", "denied_three_safety", "denied_third_party",
    "denied_internal", "denied_process", "denied_enforcement_file", "denied_query",
    "unable_not_held", "unable_needs_creation", "unable_unclear",
    "ignored_petition", "ignored_repeat", "ignored_publication", "ignored_massive", "ignored_confirm",
    "other_no_correction", "other_no_fee", "other_other", "total", "carried_forward",
)
