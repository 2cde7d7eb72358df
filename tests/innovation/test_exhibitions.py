"""Exhibitions: curating (sections, results, order), publishing, and the public pages, which
carry no personal data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from innovation.models import AuditEntry, ExhibitionItem
from innovation.services import exhibitions as services
from tests.factories import WorkerFactory
from tests.innovation.factories_results import (
    ExhibitionFactory,
    ItemFactory,
    PatentFactory,
    ResultFactory,
    SectionFactory,
    StudioFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def exhibition(union_tree):
    return ExhibitionFactory(union=union_tree[0])


def test_an_officer_creates_an_exhibition_and_it_is_logged(union_tree, officer_a):
    exhibition = services.create_exhibition(
        actor=officer_a, union=union_tree[0], title="长三角职工创新成果展"
    )
    assert exhibition.published_at is None
    assert (
        AuditEntry.objects.get(target=f"exhibition:{exhibition.pk}").action == "exhibition.create"
    )


def test_an_officer_below_may_not_curate_the_exhibition_of_a_union_above(exhibition, officer_b):
    with pytest.raises(PermissionDenied):
        services.add_section(actor=officer_b, exhibition=exhibition, title="x")


def test_sections_and_results_are_added_in_order(exhibition, officer_a):
    first = services.add_section(actor=officer_a, exhibition=exhibition, title="智能制造")
    second = services.add_section(actor=officer_a, exhibition=exhibition, title="节能降耗")
    assert (first.order, second.order) == (0, 1)
    a = services.add_item(actor=officer_a, section=first, result=ResultFactory())
    b = services.add_item(actor=officer_a, section=first, result=ResultFactory().pk)
    assert (a.order, b.order) == (0, 1)


def test_a_result_is_shown_once_per_exhibition(exhibition, officer_a):
    section = SectionFactory(exhibition=exhibition)
    other = SectionFactory(exhibition=exhibition)
    result = ResultFactory()
    services.add_item(actor=officer_a, section=section, result=result)
    with pytest.raises(ValidationError) as raised:
        services.add_item(actor=officer_a, section=other, result=result)
    assert "result" in raised.value.message_dict


def test_an_unknown_result_or_a_bad_order_is_refused(exhibition, officer_a):
    section = SectionFactory(exhibition=exhibition)
    with pytest.raises(ValidationError) as raised:
        services.add_item(actor=officer_a, section=section, result=999999, order="-3")
    assert set(raised.value.message_dict) == {"result", "order"}


def test_moving_a_result_to_another_section_is_logged_with_both_places(exhibition, officer_a):
    item = ItemFactory(section__exhibition=exhibition)
    target = SectionFactory(exhibition=exhibition)
    services.move_item(actor=officer_a, item=item, order=5, section=target)
    item.refresh_from_db()
    assert (item.section, item.order) == (target, 5)
    entry = AuditEntry.objects.get(action="item.move")
    assert entry.old["section"] != entry.new["section"]
    assert entry.new["result"] == item.result_id


def test_a_section_of_another_exhibition_is_refused_as_a_target(exhibition, officer_a):
    item = ItemFactory(section__exhibition=exhibition)
    with pytest.raises(ValidationError):
        services.move_item(actor=officer_a, item=item, order=1, section=SectionFactory())


def test_an_empty_exhibition_cannot_be_published(exhibition, officer_a):
    with pytest.raises(ValidationError):
        services.set_published(actor=officer_a, exhibition=exhibition, published=True)


def test_publishing_and_withdrawing_are_logged(exhibition, officer_a):
    ItemFactory(section__exhibition=exhibition)
    services.set_published(actor=officer_a, exhibition=exhibition, published=True)
    services.set_published(actor=officer_a, exhibition=exhibition, published=False, reason="更新")
    exhibition.refresh_from_db()
    assert exhibition.published_at is None
    assert list(
        AuditEntry.objects.filter(target=f"exhibition:{exhibition.pk}")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["exhibition.publish", "exhibition.unpublish"]


def test_removing_a_section_takes_its_results_off(exhibition, officer_a):
    item = ItemFactory(section__exhibition=exhibition)
    services.remove_section(actor=officer_a, section=item.section)
    assert not ExhibitionItem.objects.exists()
    assert AuditEntry.objects.get(action="section.remove").old["results"] == [item.result_id]


# --- public pages ----------------------------------------------------------------------------


@pytest.fixture
def shown(union_tree):
    studio = StudioFactory(union=union_tree[1], name="王强创新工作室")
    author = WorkerFactory(employer=studio.employer, name="欧阳明华", phone="13912345678")
    result = ResultFactory(
        studio=studio,
        title="燃气管网智能巡检",
        benefit_yuan=Decimal("350000"),
        benefit_basis="每年节约巡检费用",
        applied=True,
        achieved_on=dt.date(2019, 5, 1),
    )
    result.authors.set([author])
    PatentFactory(result=result, kind="2")
    item = ItemFactory(result=result, section__title="智能制造")
    exhibition = item.exhibition
    exhibition.published_at = timezone.now()
    exhibition.save()
    return exhibition, result, author


def test_the_published_exhibition_shows_its_results_with_masked_authors(shown, client):
    exhibition, result, author = shown
    text = client.get(f"/en/innovation/exhibitions/{exhibition.pk}/").content.decode()
    assert "智能制造" in text and result.title in text
    assert "欧**华" in text
    for personal in (author.name, author.phone, author.id_number):
        assert personal not in text


def test_the_result_page_shows_studio_unit_benefit_patents_and_no_personal_data(shown, client):
    _exhibition, result, author = shown
    text = client.get(f"/en/innovation/results/{result.pk}/").content.decode()
    assert result.studio.name in text and result.studio.employer.name in text
    assert "350,000" in text and "每年节约巡检费用" in text
    assert result.patents.get().number in text
    assert "欧**华" in text
    for personal in (author.name, author.phone, author.id_number):
        assert personal not in text


def test_the_public_list_has_only_published_exhibitions(shown, client):
    draft = ExhibitionFactory(title="草稿展")
    text = client.get("/en/innovation/exhibitions/").content.decode()
    assert shown[0].title in text and draft.title not in text


def test_a_draft_exhibition_and_its_results_are_not_public(union_tree, client):
    item = ItemFactory()
    assert client.get(f"/en/innovation/exhibitions/{item.exhibition.pk}/").status_code == 404
    assert client.get(f"/en/innovation/results/{item.result.pk}/").status_code == 404


def test_an_officer_previews_a_result_of_their_subtree(union_tree, officer_a, client):
    result = ResultFactory(studio__union=union_tree[1])
    client.force_login(officer_a)
    assert client.get(f"/en/innovation/results/{result.pk}/").status_code == 200
