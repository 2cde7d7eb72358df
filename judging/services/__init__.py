"""Writes of the judging app: scoring schemes, judges, assignments, marks, penalties.

Every function checks its actor itself (officer scope, judge assignment, chief judge, the
rules of `core.access`), so the API, the pages and the scoresheet import share one rule set.
Refusals raise PermissionDenied (403) or ValidationError keyed by field (400). A write that
changes what an event's results are made of announces `judging.signals.marks_changed`.

One module per seam; callers import this package (`from judging import services`):

- `schemes`: the scoring scheme, its validation and its lock once marks exist;
- `panels`: judge accounts, assignments and the panel's coverage of every work unit;
- `marks`: marks, their audit trail, submitting, unlocking and confirming;
- `scoresheets`: a judge's marks uploaded as a spreadsheet;
- `penalties`: deductions from an entry's total;
- `access`: judging's own access helpers over `core.access`.
"""

# Plain re-exports of core.access (and judging's officer check over it), kept so the views
# that call `services.manages_event`, `services.is_chief_judge` and
# `services.require_event_officer` keep working until they call core.access themselves.
from core.access import is_chief_judge, manages_event
from judging.services.access import judge_of, require_event_officer
from judging.services.marks import (
    change_mark,
    check_value,
    confirm_marks,
    record_mark,
    submit_marks,
    unlock_entry_marks,
    unlock_marks,
)
from judging.services.panels import (
    assign_judge,
    coverage_warnings,
    create_judge,
    generate_password,
    remove_judge,
    reset_judge_password,
    set_judge_active,
)
from judging.services.penalties import record_penalty
from judging.services.schemes import (
    LOCKED,
    CriterionData,
    copy_scheme,
    replace_scheme,
    scheme_locked,
    validate_scheme,
)
from judging.services.scoresheets import (
    MAX_SCORESHEET_BYTES,
    import_scoresheet,
    parse_scoresheet,
    upload_scoresheet,
    uploading_judge,
)

__all__ = [
    "LOCKED",
    "MAX_SCORESHEET_BYTES",
    "CriterionData",
    "assign_judge",
    "change_mark",
    "check_value",
    "confirm_marks",
    "copy_scheme",
    "coverage_warnings",
    "create_judge",
    "generate_password",
    "import_scoresheet",
    "is_chief_judge",
    "judge_of",
    "manages_event",
    "parse_scoresheet",
    "record_mark",
    "record_penalty",
    "remove_judge",
    "replace_scheme",
    "require_event_officer",
    "reset_judge_password",
    "scheme_locked",
    "set_judge_active",
    "submit_marks",
    "unlock_entry_marks",
    "unlock_marks",
    "upload_scoresheet",
    "uploading_judge",
    "validate_scheme",
]
