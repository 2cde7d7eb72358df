import io

import pytest

from training import demo_bank
from training.models import Question, QuestionKind


@pytest.mark.django_db
def test_the_demo_bank_loads_every_kind_once(superuser):
    from tests.factories import UnionFactory

    UnionFactory(code="SH", name="上海市总工会")
    for _ in range(2):
        demo_bank.load(out=io.StringIO(), options={})
    assert Question.objects.count() == len(demo_bank.QUESTIONS) >= 60
    assert set(Question.objects.values_list("kind", flat=True)) == set(QuestionKind.values)
