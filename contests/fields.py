"""The contest and event fields an officer edits: one list per model, read by the admin form,
the API serializer and the services (which refuse any other field)."""

CONTEST_FIELDS = (
    "series",
    "division",
    "host_union",
    "name",
    "description",
    "registration_opens",
    "registration_closes",
    "contest_date",
    "status",
    "notice_days",
    "leaderboard_frozen",
)

# Many-to-many: the services set them once the event row is saved.
EVENT_ELIGIBILITY_LISTS = ("eligible_unions", "eligible_regions")

EVENT_FIELDS = (
    "contest",
    "name",
    "kind",
    "description",
    *EVENT_ELIGIBILITY_LISTS,
    "employer_kinds",
    "min_skill_grade",
    "max_skill_grade",
    "min_age",
    "max_age",
    "min_team_size",
    "max_team_size",
    "quota_per_employer",
)
