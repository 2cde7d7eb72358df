"""Regions, trade unions, officers and work units.

Regions and unions are trees stored with a materialised `path` built from their immutable
codes ("/SH/SH-HT/"), so a whole subtree is one indexed prefix filter. That matters: every
officer query is scoped to a subtree, and leaderboards filter by region subtree.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.scope import RestrictQuerySet
from unions.names import in_language


def tree_path(code: str, parent) -> str:
    """A node's materialised path, "/<ancestors' codes>/<code>/": regions and unions alike,
    so "this node and everything below it" is one indexed startswith filter."""
    return f"{parent.path if parent else '/'}{code}/"


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province or municipality")
        CITY = "city", _("city")
        DISTRICT = "district", _("district or county")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]

    def __str__(self) -> str:
        return in_language(self)  # form choices, the admin: the reader's language

    path_for = staticmethod(tree_path)


class UnionQuerySet(RestrictQuerySet):
    scope_path = "path"


class Union(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("national federation")
        PROVINCIAL = "provincial", _("provincial or municipal federation")
        CITY = "city", _("city or district federation")
        INDUSTRY = "industry", _("industry union")
        ENTERPRISE = "enterprise", _("enterprise union")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent union"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="unions", verbose_name=_("region")
    )
    path = models.CharField(max_length=400, editable=False, db_index=True)

    objects = UnionQuerySet.as_manager()

    class Meta:
        verbose_name = _("union")
        verbose_name_plural = _("unions")
        ordering = ["path"]

    def __str__(self) -> str:
        return in_language(self)  # form choices, the admin: the reader's language

    path_for = staticmethod(tree_path)


class OfficerQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Officer(models.Model):
    """A union officer: manages their union and every union below it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="officer",
        verbose_name=_("user"),
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="officers", verbose_name=_("union")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("union officer")
        verbose_name_plural = _("union officers")

    def __str__(self) -> str:
        return f"{self.user.username} ({self.union})"


class EmployerQuerySet(RestrictQuerySet):
    scope_path = "union__path"


class Employer(models.Model):
    """A work unit (单位). Its union is the one its workers belong to."""

    class Kind(models.TextChoices):
        NON_PUBLIC = "non_public", _("non-public enterprise")
        FOREIGN = "foreign", _("foreign-invested enterprise")
        STATE_OWNED = "state_owned", _("state-owned enterprise")
        PUBLIC_INSTITUTION = "public_institution", _("government or public institution")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="employers", verbose_name=_("region")
    )
    union = models.ForeignKey(
        Union, on_delete=models.PROTECT, related_name="employers", verbose_name=_("union")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = _("work unit")
        verbose_name_plural = _("work units")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["union", "name"], name="employer_unique_name_in_union")
        ]

    def __str__(self) -> str:
        return self.name
