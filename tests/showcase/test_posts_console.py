"""Console pages of posts: the review queue, the editor, publish/schedule/return, the
correspondents' appointments, the like figures; and the correspondents' own pages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from showcase.models import Correspondent, Post, PostImage, PostStatus
from showcase.services import likes
from showcase.services import posts as services
from tests.factories import EmployerFactory, OfficerFactory, UserFactory, WorkerFactory
from tests.showcase.factories import CorrespondentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return EmployerFactory()


@pytest.fixture
def officer(unit):
    return OfficerFactory(union=unit.union).user


@pytest.fixture
def correspondent(unit):
    return CorrespondentFactory(employer=unit).user


def jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (2000, 1000), "blue").save(buf, "JPEG")
    return SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_correspondent_writes_with_an_image_and_submits(client, correspondent, unit):
    client.force_login(correspondent)
    response = client.post(
        "/showcase/mine/new/",
        {"kind": "news", "title": "技能比武", "body": "第一段\n\n第二段", "employer": unit.pk,
         "image": jpeg(), "submit": "1"},
    )  # fmt: skip
    post = Post.objects.get()
    assert response.status_code == 302
    assert post.status == PostStatus.SUBMITTED and post.body == "<p>第一段</p><p>第二段</p>"
    image = PostImage.objects.get(post=post)
    assert (image.width, image.height) == (1600, 800)


def test_a_member_who_is_not_a_correspondent_gets_403_on_the_editor(client):
    client.force_login(UserFactory())
    assert client.get("/showcase/mine/new/").status_code == 403


def test_the_editor_shows_field_errors_not_a_500(client, correspondent, unit):
    client.force_login(correspondent)
    response = client.post(
        "/showcase/mine/new/", {"kind": "nope", "title": "", "body": "", "employer": unit.pk}
    )
    assert response.status_code == 400 and not Post.objects.exists()


def test_the_review_queue_lists_submitted_posts_of_the_officers_union(
    client, officer, correspondent, unit
):
    PostFactory(title="待审甲", employer=unit, status=PostStatus.SUBMITTED, published_at=None)
    PostFactory(title="别家待审", status=PostStatus.SUBMITTED, published_at=None)
    client.force_login(officer)
    body = client.get("/manage/showcase/posts/").content.decode()
    assert "待审甲" in body and "别家待审" not in body


def test_an_officer_returns_with_a_reason_then_publishes_on_schedule(client, officer, unit):
    post = PostFactory(employer=unit, status=PostStatus.SUBMITTED, published_at=None)
    client.force_login(officer)
    client.post(f"/manage/showcase/posts/{post.pk}/return/", {"reason": "请补充图片"})
    post.refresh_from_db()
    assert post.status == PostStatus.RETURNED and post.return_reason == "请补充图片"
    Post.objects.filter(pk=post.pk).update(status=PostStatus.SUBMITTED)
    when = (timezone.localtime() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/manage/showcase/posts/{post.pk}/publish/", {"publish_at": when})
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.published_at > timezone.now()
    assert client.get(f"/showcase/posts/{post.pk}/").status_code == 404


def test_an_officer_of_another_union_gets_404_on_the_post(client, unit):
    post = PostFactory(employer=unit, status=PostStatus.SUBMITTED, published_at=None)
    client.force_login(OfficerFactory().user)
    assert client.get(f"/manage/showcase/posts/{post.pk}/").status_code == 404
    assert client.post(f"/manage/showcase/posts/{post.pk}/publish/").status_code == 404


def test_an_officer_writes_and_publishes_a_union_post(client, officer, unit):
    client.force_login(officer)
    response = client.post(
        "/manage/showcase/posts/new/",
        {"kind": "skill_tip", "title": "焊接技巧", "body": "<p>要点</p>", "union": unit.union.pk},
    )
    post = Post.objects.get()
    assert response.status_code == 302 and post.employer is None
    client.post(f"/manage/showcase/posts/{post.pk}/publish/", {"publish_at": ""})
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED
    assert "焊接技巧" in client.get("/showcase/").content.decode()


def test_an_officer_appoints_and_ends_a_correspondent(client, officer, unit):
    member = UserFactory(username="tongxunyuan")
    client.force_login(officer)
    client.post(
        "/manage/showcase/correspondents/", {"username": "tongxunyuan", "employer": unit.pk}
    )
    appointment = Correspondent.objects.get(user=member)
    assert appointment.appointed_by == officer
    client.post(f"/manage/showcase/correspondents/{appointment.pk}/revoke/")
    appointment.refresh_from_db()
    assert appointment.revoked_at is not None and appointment.revoked_by == officer


def test_appointing_an_unknown_account_is_a_form_error(client, officer, unit):
    client.force_login(officer)
    response = client.post(
        "/manage/showcase/correspondents/", {"username": "nobody", "employer": unit.pk}
    )
    assert response.status_code == 400 and not Correspondent.objects.exists()


def test_the_like_figures_flag_a_post_liked_mostly_from_one_unit(client, officer, unit, settings):
    settings.GJ_RATE_LIMITS = {**settings.GJ_RATE_LIMITS, "enabled": False}
    post = PostFactory(employer=unit, title="刷赞稿件")
    farm = EmployerFactory(name="刷赞厂")
    for _ in range(21):
        likes.like(actor=WorkerFactory(employer=farm, user=UserFactory()).user, post_id=post.pk)
    client.force_login(officer)
    body = client.get("/manage/showcase/likes/").content.decode()
    assert "刷赞厂" in body and 'class="flagged"' in body


def test_the_dashboard_and_report_show_the_showcase_figures(client, officer, unit):
    from tests.factories import ContestFactory

    contest = ContestFactory(host_union=unit.union, status="published")
    PostFactory(employer=unit, contest=contest, kind="exemplary", like_count=5, comment_count=2)
    PostFactory(employer=unit, contest=contest, status=PostStatus.DRAFT, published_at=None)
    client.force_login(officer)
    assert 'hx-get="/manage/showcase/figures/"' in client.get("/manage/").content.decode()
    dashboard = client.get("/manage/showcase/figures/").content.decode()
    assert 'id="sc-posts">1<' in dashboard and 'id="sc-likes">5<' in dashboard
    client.logout()
    report = client.get(f"/contests/{contest.pk}/report/").content.decode()
    assert 'id="sc-posts">1<' in report and 'id="sc-comments">2<' in report


def test_an_officer_removes_an_image_and_comes_back_to_the_console(client, officer, unit):
    post = PostFactory(employer=unit, status=PostStatus.SUBMITTED, published_at=None)
    image = services.add_image(actor=officer, post=post, upload=jpeg())
    client.force_login(officer)
    page = f"/manage/showcase/posts/{post.pk}/"
    assert f"/showcase/mine/images/{image.pk}/remove/" in client.get(page).content.decode()
    response = client.post(f"/showcase/mine/images/{image.pk}/remove/", {"next": page})
    assert response["Location"] == page and not PostImage.objects.exists()


def test_a_foreign_next_address_is_not_followed(client, correspondent, unit):
    post = PostFactory(employer=unit, author=correspondent, status="draft", published_at=None)
    image = services.add_image(actor=correspondent, post=post, upload=jpeg())
    client.force_login(correspondent)
    response = client.post(
        f"/showcase/mine/images/{image.pk}/remove/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/showcase/mine/{post.pk}/"
