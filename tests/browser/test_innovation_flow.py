"""The whole of a worker innovation studio's story in one browser test (issue 16, "done
when"): an officer registers a studio; its leader fills the seven-haves self-assessment with
an evidence file; a reviewer finds one criterion unmet (no level), then, resubmitted, all met
(the level is granted); the officer records a topic, a project and a result with a patent and
a benefit; the result is entered into an open contest's achievement event and shown in a
published exhibition; the contest's union report and the statistics page count it all.
Screenshots at 1280 px and 390 px in tests/artifacts/ (innovation-flow-*)."""

import pytest

from contests.models import Contest, Event
from innovation.models.ratings import Rating, RatingStatus
from tests.browser import innovation_steps as steps
from tests.factories import EmployerFactory, EventFactory, WorkerFactory
from tests.innovation.factories_studios import ReviewerFactory, seven_haves

STUDIO = "李卫东劳模创新工作室"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_studio_from_registration_to_the_union_report(
    live_server, chromium, tmp_path, officer_a, union_tree
):
    seven_haves()  # the standard the rating form offers
    base = live_server.url
    province, city = union_tree[0], union_tree[1]
    employer = EmployerFactory(union=city, name="苏州港华燃气有限公司")
    leader = WorkerFactory(employer=employer, name="李卫东", user__username="leader_flow")
    author = WorkerFactory(employer=employer, name="欧阳明华")
    reviewer = ReviewerFactory(union=city, name="评审专家乙")
    event = EventFactory(
        contest__host_union=province,
        contest__name="第二届职工创新成果大赛",
        contest__status=Contest.Status.OPEN,
        name="职工创新成果",
        kind=Event.Kind.ACHIEVEMENT,
    )

    # 1. An officer of the province union registers the studio of a city unit.
    console = steps.signed_in(chromium, live_server, officer_a)
    studio = steps.register_studio(
        console, base, union=city, employer=employer, leader=leader, name=STUDIO
    )
    rating = steps.open_rating(console, studio, level="province")
    assert rating.union == city

    # 2. The leader fills the seven haves on a phone, the first with an evidence file.
    evidence = tmp_path / "劳模证书.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% a certificate\n")
    phone = steps.signed_in(chromium, live_server, leader.user, steps.PHONE)
    steps.self_assess(phone, base, rating, evidence=evidence, link_name=f"{STUDIO} · 2026")
    assert rating.assessments.filter(files__filename="劳模证书.pdf").count() == 1
    steps.shot(phone, "flow-assess-390")
    steps.submit_for_review(phone)
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.SUBMITTED

    # 3. The reviewer finds the funding criterion unmet: no level.
    desk = steps.signed_in(chromium, live_server, reviewer.user)
    desk.goto(f"{base}/en/innovation/reviews/{rating.pk}/")
    steps.shoot(desk, "flow-review")
    steps.review(desk, rating, unmet="funding")
    studio.refresh_from_db()
    assert Rating.objects.get(pk=rating.pk).status == RatingStatus.REVISE
    assert studio.level is None

    # 4. Resubmitted; all seven met: the level is granted by the rating union.
    steps.revise(phone, base, rating, code="funding", statement="企业每年列支专项经费 50 万元。")
    desk.goto(f"{base}/en/innovation/reviews/{rating.pk}/")
    steps.review(desk, rating, unmet=None)
    studio.refresh_from_db()
    assert studio.level == "province"
    assert studio.level_grants.get().union == city

    # 5. The officer records the studio's topic, project and result, with patent and benefit.
    steps.record_topic_and_project(console, base, studio)
    result = steps.record_result(console, author=author)
    steps.add_patent(console, "ZL201510123456.7", error="The check digit does not match")
    steps.add_patent(console, "ZL 2017 1 0601862.3")
    assert list(result.patents.values_list("number", flat=True)) == ["ZL201710601862.3"]

    # 6. Entered into the open contest's achievement event.
    steps.enter_contest(console, event)
    result.refresh_from_db()
    assert result.contest_achievement.registrations.get().event == event
    steps.shoot(console, "flow-console-result")

    # 7. Shown in a published exhibition; the public sees the author's name masked.
    exhibition = steps.exhibit(console, base, union=province, result=result, title="职工创新成果展")
    steps.shoot(console, "flow-console-exhibition")
    visitor = steps.signed_in(chromium, live_server, None)
    visitor.goto(f"{base}/en/innovation/exhibitions/{exhibition.pk}/")
    assert "欧**华" in visitor.inner_text(f"#result-{result.pk}")
    # The studio is named after its leader, as studios are; his name is nowhere else.
    shown = visitor.content().replace(STUDIO, "")
    assert author.name not in shown and leader.name not in shown
    steps.shoot(visitor, "flow-public-exhibition")
    visitor.goto(f"{base}/en/innovation/studios/{studio.pk}/")
    assert visitor.locator("#studio-level").inner_text().strip() == "province or region level"
    assert leader.phone not in visitor.content()
    assert leader.name not in visitor.content().replace(STUDIO, "")

    # 8. The union's report of the contest and the statistics page show the counts.
    visitor.goto(f"{base}/en/contests/{event.contest.pk}/report/")
    block = visitor.inner_text(".pub-innovation")
    assert "1 worker innovation studios have been set up, 1 innovation topics" in block
    assert "1 research projects" in block and "produced 1 innovation results" in block
    assert "1 of them applied" in block and "hold 1 invention and utility model" in block
    steps.shoot(visitor, "flow-public-report")
    visitor.goto(f"{base}/en/innovation/stats/?union=A&since=2015-01-01")
    assert "86.00 ten thousand yuan a year" in visitor.inner_text("#innovation-press")
    steps.shoot(visitor, "flow-public-stats")
