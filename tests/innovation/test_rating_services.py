import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from PIL import Image

from innovation.models import AuditEntry
from innovation.models.ratings import RatingStandard, RatingStatus
from innovation.services import ratings as services
from tests.factories import OfficerFactory, UnionFactory
from tests.innovation.factories_studios import (
    RatingFactory,
    StudioFactory,
    seven_haves,
    submitted,
)
from tests.innovation.test_result_images import _jpeg

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 evidence"


def _verdicts(rating, unmet=()):
    return {
        c.pk: (c.code not in unmet, "未达到" if c.code in unmet else "")
        for c in rating.standard.criteria.all()
    }


def test_seven_haves_is_seeded_in_order():
    titles = list(seven_haves().criteria.values_list("title", flat=True))
    assert titles == [
        "有劳模领衔",
        "有创新团队",
        "有活动场地",
        "有设施设备",
        "有工作制度",
        "有经费保障",
        "有创新成果",
    ]
    assert seven_haves().union is None


def test_open_rating_creates_one_assessment_per_criterion():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    rating = services.open_rating(
        actor=officer.user, studio=studio, standard=seven_haves(), level_sought="city", year=2026
    )
    assert rating.assessments.count() == 7 and rating.status == RatingStatus.OPEN


def test_rating_union_below_the_studio_is_refused():
    parent = UnionFactory()
    studio = StudioFactory(union=parent)
    child = UnionFactory(parent=parent)
    officer = OfficerFactory(union=parent)
    with pytest.raises(ValidationError) as exc:
        services.open_rating(
            actor=officer.user,
            studio=studio,
            standard=seven_haves(),
            level_sought="city",
            year=2026,
            union=child,
        )
    assert "union" in exc.value.error_dict


def test_another_regions_standard_is_not_usable():
    other = UnionFactory()
    standard = seven_haves()
    standard.pk = None
    standard.code, standard.union = "other", other
    standard.save()
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    with pytest.raises(ValidationError) as exc:
        services.open_rating(
            actor=officer.user, studio=studio, standard=standard, level_sought="city", year=2026
        )
    assert "standard" in exc.value.error_dict


def test_link_must_be_http_or_https():
    rating = RatingFactory()
    assessment = rating.assessments.first()
    for bad in ("javascript:alert(1)", "ftp://x.cn/a", "http://", "http://a b.cn"):
        with pytest.raises(ValidationError):
            services.save_assessment(
                actor=rating.studio.leader.user, assessment=assessment, statement="x", link=bad
            )


def test_leader_saves_assessment_and_evidence():
    rating = RatingFactory()
    leader = rating.studio.leader.user
    assessment = rating.assessments.first()
    services.save_assessment(
        actor=leader, assessment=assessment, statement="劳模领衔", link="https://a.cn/x"
    )
    evidence = services.add_evidence(
        actor=leader, assessment=assessment, filename="证书.pdf", data=PDF
    )
    assert default_storage.exists(evidence.stored_name)
    assert AuditEntry.objects.filter(action="evidence.add").exists()
    default_storage.delete(evidence.stored_name)


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.exe", b"MZ"), ("a.pdf", b"not a pdf"), ("a.pdf", b""), ("a.png", PDF)],
)
def test_bad_evidence_is_refused(name, data):
    rating = RatingFactory()
    with pytest.raises(ValidationError):
        services.add_evidence(
            actor=rating.studio.leader.user,
            assessment=rating.assessments.first(),
            filename=name,
            data=data,
        )


def test_a_photo_as_evidence_is_kept_without_its_exif():
    rating = RatingFactory()
    evidence = services.add_evidence(
        actor=rating.studio.leader.user,
        assessment=rating.assessments.first(),
        filename="场地.jpeg",
        data=_jpeg(size=(200, 100)),
    )
    assert (evidence.filename, evidence.content_type) == ("场地.jpg", "image/jpeg")
    with default_storage.open(evidence.stored_name) as stored:
        kept = Image.open(io.BytesIO(stored.read()))
    default_storage.delete(evidence.stored_name)
    assert not kept.getexif() and kept.size == (100, 200)  # upright, and no GPS


def test_a_jpeg_that_does_not_decode_is_refused():
    rating = RatingFactory()
    with pytest.raises(ValidationError) as raised:
        services.add_evidence(
            actor=rating.studio.leader.user,
            assessment=rating.assessments.first(),
            filename="a.jpg",
            data=b"\xff\xd8\xff" + b"0" * 100,
        )
    assert "file" in raised.value.message_dict


def test_oversized_evidence_is_refused():
    rating = RatingFactory()
    data = PDF + b"0" * services.MAX_EVIDENCE_BYTES
    with pytest.raises(ValidationError):
        services.add_evidence(
            actor=rating.studio.leader.user,
            assessment=rating.assessments.first(),
            filename="a.pdf",
            data=data,
        )


def test_a_stranger_cannot_fill_the_assessment():
    rating = RatingFactory()
    stranger = OfficerFactory().user
    with pytest.raises(PermissionDenied):
        services.save_assessment(
            actor=stranger, assessment=rating.assessments.first(), statement="x"
        )


def test_submit_needs_every_criterion():
    rating = RatingFactory()
    with pytest.raises(ValidationError):
        services.submit_rating(actor=rating.studio.leader.user, rating=rating)
    rating.assessments.update(statement="有")
    services.submit_rating(actor=rating.studio.leader.user, rating=rating)
    rating.refresh_from_db()
    assert rating.status == RatingStatus.SUBMITTED


def test_one_unmet_grants_no_level_and_returns_to_revise():
    rating = submitted(RatingFactory())
    officer = OfficerFactory(union=rating.union)
    review = services.review_rating(
        actor=officer.user, rating=rating, verdicts=_verdicts(rating, unmet={"funding"})
    )
    rating.refresh_from_db()
    rating.studio.refresh_from_db()
    assert review.all_met is False and rating.status == RatingStatus.REVISE
    assert rating.studio.level is None and not rating.studio.level_grants.exists()


def test_all_met_grants_the_level_with_date_and_union_and_keeps_history():
    rating = submitted(RatingFactory(level_sought="city"))
    officer = OfficerFactory(union=rating.union)
    services.review_rating(
        actor=officer.user, rating=rating, verdicts=_verdicts(rating, unmet={"funding"})
    )
    services.save_assessment(
        actor=rating.studio.leader.user,
        assessment=rating.assessments.get(criterion__code="funding"),
        statement="年度经费 20 万元",
    )
    services.submit_rating(actor=rating.studio.leader.user, rating=rating)
    services.review_rating(
        actor=officer.user,
        rating=rating,
        verdicts=_verdicts(rating),
        granted_on=dt.date(2026, 6, 1),
    )
    rating.refresh_from_db()
    studio = rating.studio
    studio.refresh_from_db()
    grant = studio.level_grants.get()
    assert studio.level == "city" and rating.status == RatingStatus.GRANTED
    assert grant.granted_on == dt.date(2026, 6, 1) and grant.union == rating.union
    assert [r.all_met for r in rating.reviews.order_by("id")] == [False, True]
    assert rating.reviews.first().items.get(criterion__code="funding").comment == "未达到"


def test_review_must_rule_on_every_criterion():
    rating = submitted(RatingFactory())
    officer = OfficerFactory(union=rating.union)
    verdicts = _verdicts(rating)
    verdicts.popitem()
    with pytest.raises(ValidationError):
        services.review_rating(actor=officer.user, rating=rating, verdicts=verdicts)
    assert not rating.reviews.exists()


def test_an_open_rating_cannot_be_reviewed():
    rating = RatingFactory()
    officer = OfficerFactory(union=rating.union)
    with pytest.raises(ValidationError):
        services.review_rating(actor=officer.user, rating=rating, verdicts=_verdicts(rating))


def test_a_reviewed_rating_is_closed_to_the_studio_until_revise():
    rating = submitted(RatingFactory())
    with pytest.raises(ValidationError):
        services.save_assessment(
            actor=rating.studio.leader.user, assessment=rating.assessments.first(), statement="x"
        )


def test_next_years_rating_is_another_rating():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    for year in (2025, 2026):
        services.open_rating(
            actor=officer.user,
            studio=studio,
            standard=seven_haves(),
            level_sought="city",
            year=year,
        )
    with pytest.raises(ValidationError):
        services.open_rating(
            actor=officer.user,
            studio=studio,
            standard=seven_haves(),
            level_sought="city",
            year=2026,
        )
    assert studio.ratings.count() == 2


def test_a_unions_own_standard_is_usable_below_it():
    province = UnionFactory()
    standard = RatingStandard.objects.create(code="nm-seven", name="内蒙古七有", union=province)
    standard.criteria.create(order=1, code="a", title="有劳模领衔")
    studio = StudioFactory(union=UnionFactory(parent=province))
    officer = OfficerFactory(union=province)
    rating = services.open_rating(
        actor=officer.user, studio=studio, standard=standard, level_sought="city", year=2026
    )
    assert rating.assessments.count() == 1


def test_closing_needs_a_reason_and_keeps_the_rating():
    rating = RatingFactory()
    officer = OfficerFactory(union=rating.union)
    with pytest.raises(ValidationError):
        services.close_rating(actor=officer.user, rating=rating, reason=" ")
    services.close_rating(actor=officer.user, rating=rating, reason="工作室撤销申报")
    rating.refresh_from_db()
    assert rating.status == RatingStatus.CLOSED
    assert AuditEntry.objects.get(action="rating.close").reason == "工作室撤销申报"
