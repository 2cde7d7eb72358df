"""Console pages of exhibitions: create, sections, results, order, publish; refusals."""

import pytest
from django.test import Client

from innovation.models import Exhibition, ExhibitionItem, ExhibitionSection
from tests.innovation.factories_results import (
    ExhibitionFactory,
    ItemFactory,
    ResultFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_exhibition_is_curated_and_published_from_the_console(union_tree, officer_a):
    client = _client(officer_a)
    response = client.post(
        "/en/manage/innovation/exhibitions/",
        {"union": union_tree[0].pk, "title": "长三角职工创新成果展"},
    )
    assert response.status_code == 302
    exhibition = Exhibition.objects.get()
    url = f"/en/manage/innovation/exhibitions/{exhibition.pk}/"
    client.post(url + "sections/", {"section-title": "智能制造", "section-order": "0"})
    section = ExhibitionSection.objects.get()
    result = ResultFactory(title="燃气管网智能巡检")
    found = client.get(url, {"q": "智能巡检"}).content.decode()
    assert f"#{result.pk} 燃气管网智能巡检" in found
    response = client.post(
        url + "items/", {"item-section": section.pk, "item-result": result.pk, "item-order": "0"}
    )
    assert response.status_code == 302
    assert client.post(url + "publish/", {"published": "1"}).status_code == 302
    exhibition.refresh_from_db()
    assert exhibition.published_at is not None
    assert (
        result.title in client.get(f"/en/innovation/exhibitions/{exhibition.pk}/").content.decode()
    )


def test_publishing_an_empty_exhibition_is_a_400_with_the_message(union_tree, officer_a):
    exhibition = ExhibitionFactory(union=union_tree[0])
    response = _client(officer_a).post(
        f"/en/manage/innovation/exhibitions/{exhibition.pk}/publish/", {"published": "1"}
    )
    assert response.status_code == 400
    assert "Add results before publishing." in response.content.decode()


def test_a_result_moves_to_another_section_and_order(union_tree, officer_a):
    item = ItemFactory(section__exhibition__union=union_tree[0])
    other = SectionFactory(exhibition=item.exhibition)
    response = _client(officer_a).post(
        f"/en/manage/innovation/items/{item.pk}/", {"order": "3", "section": other.pk}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.section, item.order) == (other, 3)


def test_a_result_is_taken_off(union_tree, officer_a):
    item = ItemFactory(section__exhibition__union=union_tree[0])
    _client(officer_a).post(f"/en/manage/innovation/items/{item.pk}/", {"remove": "1"})
    assert not ExhibitionItem.objects.exists()


def test_an_unknown_result_number_is_a_400(union_tree, officer_a):
    section = SectionFactory(exhibition__union=union_tree[0])
    response = _client(officer_a).post(
        f"/en/manage/innovation/exhibitions/{section.exhibition.pk}/items/",
        {"item-section": section.pk, "item-result": "987654", "item-order": "0"},
    )
    assert response.status_code == 400
    assert "There is no such result." in response.content.decode()


def test_an_exhibition_of_another_union_is_a_404(union_tree, officer_c):
    exhibition = ExhibitionFactory(union=union_tree[0])
    client = _client(officer_c)
    assert client.get(f"/en/manage/innovation/exhibitions/{exhibition.pk}/").status_code == 404
    response = client.post(f"/en/manage/innovation/exhibitions/{exhibition.pk}/sections/", {})
    assert response.status_code == 404


def test_an_exhibition_for_a_union_outside_the_subtree_cannot_be_created(union_tree, officer_b):
    response = _client(officer_b).post(
        "/en/manage/innovation/exhibitions/", {"union": union_tree[0].pk, "title": "x"}
    )
    assert response.status_code == 400
    assert not Exhibition.objects.exists()
