import pytest

from contests.models import Contest
from tests.conftest import clear_cache
from tests.factories import ContestFactory, EmployerFactory, EventFactory, UnionFactory, region
from tests.public.factories import published_awards, published_event


def clear_public_cache() -> None:
    """Drop the public site's keys only (see tests.conftest.clear_cache): its pages' and the
    showcase feed's, which the crawl reads too (a feed cached by an earlier test in this
    process would link posts rolled back with it)."""
    clear_cache("public:*")
    clear_cache("showcase:*")


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_public_cache()
    yield
    clear_public_cache()


@pytest.fixture
def published(db):
    """A published contest: two events with results, contest awards, three kinds of unit."""
    host = UnionFactory(code="SH-HT", name="上海航天工会")
    js = UnionFactory(code="JS", name="江苏省总工会", region=region("320000"))
    employers = [
        EmployerFactory(union=host, name="航天一厂", kind="state_owned"),
        EmployerFactory(union=js, name="苏州外资公司", kind="foreign"),
        EmployerFactory(union=js, name="昆山民营公司", kind="non_public"),
    ]
    contest = ContestFactory(host_union=host, status=Contest.Status.PUBLISHED, notice_days=7)
    e1, s1, rows1 = published_event(EventFactory(contest=contest), entries=9, employers=employers)
    e2, s2, rows2 = published_event(EventFactory(contest=contest), entries=4, employers=employers)
    awards = published_awards(contest, rows1)
    return {
        "contest": contest,
        "events": [e1, e2],
        "snapshots": [s1, s2],
        "rows": rows1 + rows2,
        "awards": awards,
        "employers": employers,
        "host": host,
    }
