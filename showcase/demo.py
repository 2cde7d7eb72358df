"""Demo step of the showcase: posts of each kind with likes (demo_posts), then comments, held
and reported ones among them (demo_comments). Each part is idempotent."""

from showcase import demo_comments, demo_posts


def load(*, out, options) -> None:
    demo_posts.load(out=out, options=options)
    demo_comments.load(out=out, options=options)
