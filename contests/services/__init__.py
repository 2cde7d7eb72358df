"""Writes for contest series, divisions, contests, events and entries (registrations).

Every function checks its actor itself, through the rules of `core.access`; refusals raise
PermissionDenied (403) or ValidationError keyed by field (400). One module per seam; callers
import this package (`from contests import services`):

- `series`: contest series and their divisions;
- `contests`: contests and their forward-only status;
- `events`: events and the eligibility rules they are configured with;
- `entries`: entering (the one path, applying `contests.eligibility`), deciding (one by
  one or in batches), withdrawing, completion times, disqualifying and reinstating;
- `checks`: what the services above check the same way.

The eligibility rules themselves live in `contests.eligibility`; the two the entry page shows
are re-exported here.
"""

from contests.eligibility import eligibility_problems, registration_problem
from contests.services.contests import (
    check_contest,
    check_division,
    check_initial_status,
    check_status_step,
    create_contest,
    publishing_problem,
    update_contest,
)
from contests.services.entries import (
    approve_registration,
    approve_registrations,
    can_withdraw,
    create_achievement,
    disqualify_registration,
    entry_label,
    may_withdraw,
    register,
    register_achievement,
    reinstate_registration,
    reject_registration,
    reject_registrations,
    set_completion_seconds,
    withdraw_registration,
    withdrawal_problem,
)
from contests.services.events import check_event, create_event, update_event
from contests.services.series import create_division, create_series, update_division, update_series

__all__ = [
    "approve_registration",
    "approve_registrations",
    "can_withdraw",
    "check_contest",
    "check_division",
    "check_event",
    "check_initial_status",
    "check_status_step",
    "create_achievement",
    "create_contest",
    "create_division",
    "create_event",
    "create_series",
    "disqualify_registration",
    "eligibility_problems",
    "entry_label",
    "may_withdraw",
    "publishing_problem",
    "register",
    "register_achievement",
    "registration_problem",
    "reinstate_registration",
    "reject_registration",
    "reject_registrations",
    "set_completion_seconds",
    "update_contest",
    "update_division",
    "update_event",
    "update_series",
    "withdraw_registration",
    "withdrawal_problem",
]
