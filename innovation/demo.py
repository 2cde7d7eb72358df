"""Demo step of innovation: studios at each level in the four provinces, their ratings, an
alliance (demo_studios); topics, projects, results with patents and benefits, and an
exhibition (demo_results). Each part is idempotent."""

from innovation import demo_results, demo_studios


def load(*, out, options) -> None:
    demo_studios.load(out=out, options=options)
    demo_results.load(out=out, options=options)
