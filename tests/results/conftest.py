import pytest

from tests.factories import ContestFactory, EventFactory
from tests.results.factories import EntryFactory, JudgeFactory, give_marks, make_scheme


@pytest.fixture
def judges(db):
    return [JudgeFactory() for _ in range(5)]


@pytest.fixture
def contest(union_tree):
    return ContestFactory(host_union=union_tree[0], status="judging")


@pytest.fixture
def event(contest):
    return EventFactory(contest=contest)


@pytest.fixture
def scored(event, judges):
    """An event with the demo scheme and one entry fully marked (81.50)."""
    _, crits = make_scheme(event)
    give_marks(EntryFactory(event=event), crits, {"T": [80, 90, 85], "P": [8, 9, 7, 10, 6]}, judges)
    return event


@pytest.fixture(autouse=True)
def eager_tasks(request):
    """Run tasks in-process unless the test is a real-worker test (marker `redis`): with REDIS_URL set (CI) the
    settings send tasks to the broker, where no worker would take them."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    from config.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = old
