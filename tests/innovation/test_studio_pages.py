"""Console, worker and public pages of studios, ratings and alliances."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from innovation.models.ratings import EvidenceFile, Rating, RatingStatus
from innovation.models.studios import Studio
from tests.factories import EmployerFactory, OfficerFactory, UnionFactory, WorkerFactory
from tests.innovation.factories_studios import (
    AllianceFactory,
    RatingFactory,
    ReviewerFactory,
    StudioFactory,
    StudioMemberFactory,
    submitted,
)

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_officer_registers_a_studio():
    officer = OfficerFactory()
    employer = EmployerFactory(union=officer.union)
    leader = WorkerFactory(employer=employer)
    response = signed_in(officer.user).post(
        reverse("console:studio-register"),
        {
            "union": officer.union.pk,
            "name": "李强劳模创新工作室",
            "employer": employer.pk,
            "leader_id": leader.pk,
            "leader_titles": "全国劳动模范",
            "field": "燃气管网",
            "founded_on": "2019-05-01",
        },
    )
    studio = Studio.objects.get(name="李强劳模创新工作室")
    assert response.status_code == 302 and studio.leader == leader


def test_register_with_another_unions_worker_is_a_form_error():
    officer = OfficerFactory()
    employer = EmployerFactory(union=officer.union)
    stranger = WorkerFactory()
    response = signed_in(officer.user).post(
        reverse("console:studio-register"),
        {
            "union": officer.union.pk,
            "name": "x",
            "employer": employer.pk,
            "leader_id": stranger.pk,
            "field": "x",
            "founded_on": "2019-05-01",
        },
    )
    assert response.status_code == 400 and not Studio.objects.exists()


def test_another_unions_officer_gets_404_on_a_studio():
    studio = StudioFactory()
    response = signed_in(OfficerFactory().user).get(reverse("console:studio", args=[studio.pk]))
    assert response.status_code == 404


def test_officer_opens_a_rating_from_the_studio_page():
    studio = StudioFactory()
    officer = OfficerFactory(union=studio.union)
    client = signed_in(officer.user)
    assert client.get(reverse("console:studio", args=[studio.pk])).status_code == 200
    response = client.post(
        reverse("console:studio-rating-open", args=[studio.pk]),
        {
            "union": studio.union.pk,
            "standard": Rating._meta.get_field("standard").related_model.objects.get().pk,
            "level_sought": "city",
            "year": 2026,
        },
    )
    rating = Rating.objects.get()
    assert response.status_code == 302 and rating.assessments.count() == 7


def test_leader_fills_a_criterion_with_a_file():
    rating = RatingFactory()
    assessment = rating.assessments.order_by("criterion__order").first()
    client = signed_in(rating.studio.leader.user)
    assert client.get(reverse("innovation:assess", args=[rating.pk])).status_code == 200
    prefix = f"c{assessment.pk}"
    response = client.post(
        reverse("innovation:assess-save", args=[rating.pk, assessment.pk]),
        {
            f"{prefix}-statement": "由全国劳模领衔",
            f"{prefix}-link": "https://example.cn/honour",
            f"{prefix}-file": SimpleUploadedFile("证书.pdf", b"%PDF-1.4 x", "application/pdf"),
        },
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assessment.refresh_from_db()
    assert assessment.statement == "由全国劳模领衔" and evidence.filename == "证书.pdf"
    download = client.get(reverse("innovation:evidence", args=[evidence.pk]))
    assert download.status_code == 200
    download.close()
    default_storage.delete(evidence.stored_name)


def test_a_bad_link_is_a_400_with_the_message():
    rating = RatingFactory()
    assessment = rating.assessments.first()
    response = signed_in(rating.studio.leader.user).post(
        reverse("innovation:assess-save", args=[rating.pk, assessment.pk]),
        {f"c{assessment.pk}-statement": "x", f"c{assessment.pk}-link": "javascript:alert(1)"},
    )
    assert response.status_code == 400 and "http" in response.content.decode()


def test_another_worker_cannot_open_the_assessment_or_the_evidence():
    rating = RatingFactory()
    client = signed_in(WorkerFactory().user)
    assert client.get(reverse("innovation:assess", args=[rating.pk])).status_code == 404


def test_a_reviewer_reviews_on_the_reviewer_page():
    rating = submitted(RatingFactory())
    reviewer = ReviewerFactory(union=rating.union)
    client = signed_in(reviewer.user)
    listed = client.get(reverse("innovation:reviews")).content.decode()
    assert rating.studio.name in listed
    data = {f"met_{c.pk}": "1" for c in rating.standard.criteria.all()}
    response = client.post(reverse("innovation:review", args=[rating.pk]), data)
    rating.refresh_from_db()
    assert response.status_code == 302 and rating.status == RatingStatus.GRANTED


def test_a_member_posting_a_review_is_refused():
    rating = submitted(RatingFactory())
    member = StudioMemberFactory(studio=rating.studio)
    ReviewerFactory(union=rating.union, user=member.worker.user)
    data = {f"met_{c.pk}": "1" for c in rating.standard.criteria.all()}
    response = signed_in(member.worker.user).post(
        reverse("innovation:review", args=[rating.pk]), data
    )
    assert response.status_code == 403 and not rating.reviews.exists()


def test_officer_reviews_in_the_console_one_unmet():
    rating = submitted(RatingFactory())
    officer = OfficerFactory(union=rating.union)
    data = {f"met_{c.pk}": "1" for c in rating.standard.criteria.all()}
    funding = rating.standard.criteria.get(code="funding")
    data[f"met_{funding.pk}"] = "0"
    data[f"comment_{funding.pk}"] = "经费未落实"
    response = signed_in(officer.user).post(
        reverse("console:studio-rating", args=[rating.pk]), data
    )
    rating.refresh_from_db()
    assert response.status_code == 302 and rating.status == RatingStatus.REVISE


def test_appoint_a_new_reviewer_in_the_console():
    officer = OfficerFactory()
    response = signed_in(officer.user).post(
        reverse("console:studio-reviewers"),
        {
            "union": officer.union.pk,
            "username": "expert1",
            "name": "评审专家甲",
            "password": "Str0ng-pass-42!",
        },
    )
    assert response.status_code == 302
    assert officer.union.studio_reviewers.get().user.username == "expert1"


def test_public_studio_pages_show_no_personal_data():
    studio = StudioFactory()
    leader = studio.leader
    StudioMemberFactory(studio=studio)
    client = Client()
    for url in (reverse("innovation:studios"), reverse("innovation:studio", args=[studio.pk])):
        body = client.get(url).content.decode()
        assert studio.name in body
        assert leader.name not in body and leader.id_number not in body
        assert leader.phone not in body
        assert "全国劳动模范" in body


def test_public_list_filters_by_province_and_level():
    province = UnionFactory(kind="provincial")
    mine = StudioFactory(union=UnionFactory(parent=province), level="city")
    other = StudioFactory(level="city")
    body = Client().get(reverse("innovation:studios"), {"union": province.code}).content.decode()
    assert mine.name in body and other.name not in body
    body = Client().get(reverse("innovation:studios"), {"level": "national"}).content.decode()
    assert mine.name not in body


def test_public_alliance_page_groups_by_province_without_names():
    province = UnionFactory(kind="provincial")
    studio = StudioFactory(union=UnionFactory(parent=province), level="province")
    alliance = AllianceFactory(convener=province)
    alliance.unions.add(province)
    alliance.memberships.create(studio=studio, joined_on="2020-01-01")
    body = Client().get(reverse("innovation:alliance", args=[alliance.slug])).content.decode()
    assert province.name in body and studio.name in body
    assert studio.leader.name not in body


def test_another_unions_officer_gets_404_on_a_rating_and_its_evidence():
    rating = RatingFactory()
    assessment = rating.assessments.first()
    from innovation.services.ratings import add_evidence

    evidence = add_evidence(
        actor=rating.studio.leader.user, assessment=assessment, filename="a.pdf", data=b"%PDF-1"
    )
    client = signed_in(OfficerFactory().user)
    assert client.get(reverse("console:studio-rating", args=[rating.pk])).status_code == 404
    assert client.get(reverse("innovation:evidence", args=[evidence.pk])).status_code == 404
    anonymous = Client().get(reverse("innovation:evidence", args=[evidence.pk]))
    assert anonymous.status_code == 302
    default_storage.delete(evidence.stored_name)


def test_the_public_list_costs_a_bounded_number_of_queries(django_assert_max_num_queries):
    for _ in range(12):
        StudioMemberFactory(studio=StudioFactory(level="city"))
    with django_assert_max_num_queries(8):
        response = Client().get(reverse("innovation:studios"))
    assert response.status_code == 200
