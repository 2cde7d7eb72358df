"""Results listen to judging and announce to the public site through signals, never
through imports that point up the layers."""

from unittest import mock

import pytest

from judging.signals import marks_changed
from results import services
from results.signals import results_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(scored):
    services.compute_event(event_id=scored.pk)
    return scored


def test_changed_marks_ask_for_a_recompute(event, monkeypatch):
    calls = []
    monkeypatch.setattr("results.scheduling.request_recompute", calls.append)
    marks_changed.send(sender=None, event_id=event.pk)
    assert calls == [event.pk]


def test_publishing_is_announced_after_the_commit(
    computed, officer_a, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    results_published.connect(listener)
    try:
        with django_capture_on_commit_callbacks() as callbacks:
            services.publish_event(actor=officer_a, event=computed)
        assert heard == []
        for callback in callbacks:
            callback()
    finally:
        results_published.disconnect(listener)
    assert heard == [
        {"signal": results_published, "event_id": computed.pk, "contest_id": computed.contest_id}
    ]


def test_the_public_site_drops_its_cached_results_when_told(computed, officer_a):
    with mock.patch("public.cache.bump") as bump:
        results_published.send(sender=None, event_id=computed.pk, contest_id=computed.contest_id)
    bump.assert_called_once_with(event_id=computed.pk, contest_id=computed.contest_id)
