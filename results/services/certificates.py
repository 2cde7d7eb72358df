"""Issuing and revoking certificates.

What deserves a certificate is read from the published results: each prize tier of an
event's public snapshot, each contest award of the public award lists, and each skill
promotion. `sync_certificates` compares that with the valid certificates of the contest:
a certificate whose paper would now read differently (another rank, tier, name or unit)
or whose result no longer stands is revoked; a result without a valid certificate gets a
new one with a new number. Nothing changed, nothing written: issuing twice is harmless.

When results are final is the public layer's rule (notice period and objections:
``public.certificates``); it calls this with ``issue=True`` once they are, and with
``issue=False`` when results are republished, so a changed result's certificate is revoked
at once and its successor waits for the new results to become final.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from contests.models import Contest, Registration
from results.certificate_numbers import new_number, normalise
from results.models import (
    AwardRow,
    AwardSnapshot,
    Certificate,
    CertificateLog,
    CertificateLookup,
    ResultRow,
    ResultSnapshot,
)


@dataclass(frozen=True)
class Wanted:
    """What one certificate's paper says."""

    slot: str
    kind: str
    event_id: int | None
    registration_id: int | None
    worker_id: int | None
    team_id: int | None
    holder_name: str
    masked_name: str
    employer_name: str
    award_code: str = ""
    award: str = ""
    rank: int | None = None
    promotion: int | None = None
    reason_code: str = ""
    reason_params: dict = field(default_factory=dict)
    reason: str = ""

    @property
    def fingerprint(self) -> str:
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode()).hexdigest()


def _not_standing(contest: Contest) -> set[int]:
    """Entries that no longer stand: withdrawn, rejected or disqualified after the results
    were computed. Their certificates follow their state."""
    return set(
        Registration.objects.filter(contest=contest)
        .exclude(status=Registration.Status.APPROVED, disqualified=False)
        .values_list("pk", flat=True)
    )


def wanted_certificates(contest: Contest) -> list[Wanted]:
    """Every certificate the contest's published results call for."""
    out: list[Wanted] = []
    gone = _not_standing(contest)
    snapshots = ResultSnapshot.objects.filter(
        event__contest=contest, is_public=True, published_at__isnull=False
    ).order_by("event_id")
    for snap in snapshots:
        rows = ResultRow.objects.filter(snapshot=snap).order_by("position")
        for r in rows.exclude(tier="", promotion__isnull=True):
            if r.registration_id in gone:
                continue
            person = {
                "event_id": snap.event_id,
                "registration_id": r.registration_id,
                "worker_id": r.worker_id,
                "team_id": r.team_id,
                "holder_name": r.display_name,
                "masked_name": r.masked_name,
                "employer_name": r.employer_name,
                "rank": r.rank,
            }
            if r.tier:
                slot = f"tier:{snap.event_id}:{r.registration_id}"
                out.append(Wanted(slot, Certificate.Kind.AWARD, award=r.tier, **person))
            if r.promotion is not None and r.worker_id is not None:
                slot = f"promotion:{snap.event_id}:{r.registration_id}"
                out.append(
                    Wanted(slot, Certificate.Kind.PROMOTION, promotion=r.promotion, **person)
                )
    awards = AwardSnapshot.objects.filter(
        contest=contest, is_public=True, published_at__isnull=False
    ).first()
    if awards is not None:
        for a in AwardRow.objects.filter(snapshot=awards):
            if a.registration_id in gone:
                continue
            subject = a.registration_id or a.team_id or a.employer_id or f"rank{a.rank}"
            out.append(
                Wanted(
                    f"award:{a.kind}:{subject}",
                    Certificate.Kind.AWARD,
                    event_id=None,
                    registration_id=a.registration_id,
                    worker_id=a.worker_id,
                    team_id=a.team_id,
                    holder_name=a.display_name,
                    masked_name=a.masked_name,
                    employer_name=a.employer_name,
                    award_code=a.kind,
                    rank=a.rank,
                    reason_code=a.reason_code,
                    reason_params=a.reason_params,
                    reason=a.reason,
                )
            )
    return out


def _new(contest: Contest, spec: Wanted, now) -> Certificate:
    data = asdict(spec)
    return Certificate(
        number=new_number(),
        contest=contest,
        union_id=contest.host_union_id,
        fingerprint=spec.fingerprint,
        issued_at=now,
        **data,
    )


@transaction.atomic
def sync_certificates(*, contest: Contest, issue: bool, actor=None, note: str = "") -> dict:
    """Bring the contest's certificates in line with its published results: revoke those
    that no longer match and (with ``issue``) issue the missing ones. Audited; idempotent;
    the contest row is locked so two runs never issue the same certificate twice."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    wanted = {w.slot: w for w in wanted_certificates(contest)}
    valid = {
        c.slot: c
        for c in Certificate.objects.select_for_update().filter(
            contest=contest, revoked_at__isnull=True
        )
    }
    now = timezone.now()
    revoked = []
    for slot, cert in valid.items():
        spec = wanted.get(slot)
        if spec is None or spec.fingerprint != cert.fingerprint:
            cert.revoked_at = now
            cert.revoked_because = (
                Certificate.Revoked.REMOVED if spec is None else Certificate.Revoked.CHANGED
            )
            revoked.append(cert)
    Certificate.objects.bulk_update(revoked, ["revoked_at", "revoked_because"])
    gone = {c.slot for c in revoked}
    issued = []
    if issue:
        todo = [w for s, w in wanted.items() if s not in valid or s in gone]
        issued = _create([_new(contest, w, now) for w in todo])
        # Each revoked certificate points at its successor (revoked now, or earlier while
        # the changed results were in notice).
        successors = {c.slot: c for c in issued}
        orphans = Certificate.objects.filter(
            contest=contest, slot__in=list(successors), revoked_at__isnull=False,
            replaced_by__isnull=True,
        )  # fmt: skip
        replaced = []
        for cert in orphans:
            cert.replaced_by = successors[cert.slot]
            replaced.append(cert)
        Certificate.objects.bulk_update(replaced, ["replaced_by"])
    log = CertificateLog.Action
    CertificateLog.objects.bulk_create(
        [CertificateLog(certificate=c, action=log.REVOKE, actor=actor, note=note) for c in revoked]
        + [CertificateLog(certificate=c, action=log.ISSUE, actor=actor, note=note) for c in issued]
    )
    still = Certificate.objects.filter(contest=contest, revoked_at__isnull=True).count()
    return {"issued": len(issued), "revoked": len(revoked), "valid": still}


def _create(certs: list[Certificate]) -> list[Certificate]:
    """Insert new certificates; a number drawn twice (75 random bits: practically never)
    is drawn again."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return Certificate.objects.bulk_create(certs, batch_size=1000)
        except IntegrityError:
            for cert in certs:
                cert.number = new_number()
    raise IntegrityError("certificate numbers collided three times")


def look_up(*, text: str, address_hash: str, user_agent: str) -> Certificate | None:
    """The certificate a verification asks for, or None; every lookup is recorded. A
    malformed number costs the same query as an unknown one, so neither tells anything."""
    number = normalise(text) or ""
    cert = (
        Certificate.objects.select_related("contest", "event", "union")
        .filter(number=number)
        .first()
    )
    CertificateLookup.objects.create(
        number=(text or "")[:64],
        certificate=cert,
        found=cert is not None,
        address_hash=address_hash,
        user_agent=(user_agent or "")[:200],
    )
    return cert
