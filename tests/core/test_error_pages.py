"""403, 404 and 500 pages in the site's layout and language."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_not_found_page_has_the_site_navigation_in_chinese():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="site"' in body and "页面不存在" in body


def test_not_found_page_speaks_english_under_en():
    body = Client().get("/en/no-such-page/").content.decode()
    assert "Page not found" in body and 'lang="en"' in body


def test_forbidden_page_says_why_in_the_layout(worker_user):
    client = Client()
    client.force_login(worker_user)
    response = client.get("/manage/")
    assert response.status_code == 403
    body = response.content.decode()
    assert 'class="site"' in body and "工作台仅供工会干部使用" in body


def test_server_error_page_renders_in_the_layout_without_a_request_context():
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'class="site"' in response.content.decode()
