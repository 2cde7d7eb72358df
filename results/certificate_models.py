"""Certificates (获奖证书 / 晋级证书) with numbers anyone can verify, their audit log, and the
record of every verification lookup. Imported by ``results.models``.

A certificate freezes what its paper says (holder, work unit, award, event, rank), so the
paper and the verification page agree even after the results change; a change revokes it
and the next issue writes a new one with a new number (``results.services.certificates``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contests.models import Contest, Event
from results.certificate_numbers import display
from unions.models import Union


class Certificate(models.Model):
    class Kind(models.TextChoices):
        AWARD = "award", _("award certificate")
        PROMOTION = "promotion", _("skill promotion certificate")

    class Revoked(models.TextChoices):
        CHANGED = "changed", _("the result changed after the certificate was issued")
        REMOVED = "removed", _("the result no longer stands")

    number = models.CharField(_("certificate number"), max_length=16, unique=True)
    contest = models.ForeignKey(
        Contest, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("contest")
    )
    event = models.ForeignKey(
        Event,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("event"),
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing union")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # What the certificate is for ("tier:<event>:<registration>", "award:<kind>:<subject>",
    # "promotion:<event>:<registration>"): one valid certificate per slot and contest.
    slot = models.CharField(max_length=100)
    # Hash of what the paper says: a change means a new certificate.
    fingerprint = models.CharField(max_length=64)
    registration_id = models.BigIntegerField(null=True)
    worker_id = models.BigIntegerField(null=True, db_index=True)
    team_id = models.BigIntegerField(null=True)
    holder_name = models.CharField(max_length=200)  # in full: on the paper only
    masked_name = models.CharField(_("holder (masked)"), max_length=200)
    employer_name = models.CharField(_("work unit"), max_length=200, blank=True)
    award_code = models.CharField(max_length=30, blank=True)  # AwardRow.Kind for contest awards
    # the tier as the scheme names it
    award = models.CharField(_("award"), max_length=100, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True)
    # the skill grade earned
    promotion = models.PositiveSmallIntegerField(_("skill grade earned"), null=True)
    reason_code = models.CharField(max_length=30, blank=True)
    reason_params = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_because = models.CharField(
        _("revoked because"), max_length=10, choices=Revoked, blank=True
    )
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "slot"],
                condition=Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_slot",
            )
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return display(self.number)

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None

    @property
    def award_text(self) -> str:
        """The award in the reader's language (a contest award's label, or the tier)."""
        from results.models import AwardRow

        if self.kind == self.Kind.PROMOTION:
            from workers.models import SkillGrade

            return str(SkillGrade(self.promotion).label) if self.promotion else ""
        if self.award_code:
            return str(AwardRow.Kind(self.award_code).label)
        return self.award


class CertificateLog(models.Model):
    """Who issued or revoked a certificate, when and why: the audit of certificates."""

    class Action(models.TextChoices):
        ISSUE = "issue", pgettext_lazy("certificate log action", "issued")
        REVOKE = "revoke", pgettext_lazy("certificate log action", "revoked")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("action"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("certificate log entry")
        verbose_name_plural = _("certificate log")


class CertificateLookup(models.Model):
    """One verification lookup (page or API): what was asked, whether it was found, from
    where (a keyed hash of the address, never the address itself)."""

    number = models.CharField(_("number as typed"), max_length=64)  # cut short
    certificate = models.ForeignKey(
        Certificate,
        null=True,
        on_delete=models.SET_NULL,
        related_name="lookups",
        verbose_name=_("certificate"),
    )
    found = models.BooleanField(_("found"))
    address_hash = models.CharField(_("address (keyed hash)"), max_length=64)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("verification lookup")
        verbose_name_plural = _("verification lookups")
