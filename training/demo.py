"""Demo step of online practice and tests: a question bank for the demo occupations, an open
practice, and a finished online test whose scores feed a demo event. Each part lives in its
own module; all are idempotent."""

from training import demo_bank, demo_practice, demo_tests


def load(*, out, options) -> None:
    demo_bank.load(out=out, options=options)
    demo_practice.load(out=out, options=options)
    demo_tests.load(out=out, options=options)
