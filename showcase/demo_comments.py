"""Demo step part (see showcase/demo.py): a sensitive-word list and comments on the published
posts of the posts part.

Each top union of the posts gets a short word list (through the word service, by one of its
officers). Each public post gets a few comments by demo workers, approved by an officer of the
post's union (the moderation service: counted, logged). On the first run also: one comment
held by the word filter, one pending review and one approved comment reported by two members
(open reports, still shown), so each tab of the moderation queue has something in it.

Idempotent: words already on a list are skipped, posts that have comments are left alone, and
the held, pending and reported examples are made only when there were no comments at all.
Without published posts nothing is made.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models.functions import Length

from core.models import User
from showcase.access import public_posts
from showcase.models import Comment, Post, SensitiveWord
from showcase.services import comments as comment_services
from showcase.services import moderation, words
from unions.models import Officer, Union

POSTS = 12
WORDS = ["赌博", "代考", "刷单", "代开发票", "高利贷"]
APPROVED = [
    "向劳模学习，干一行爱一行！",
    "比武现场太精彩了，明年我们班组也要报名。",
    "技能提升真有用，这个操作要点收藏了。",
    "为一线职工点赞！",
    "希望多办这样的竞赛，以赛促学、以赛促练。",
    "师傅讲得很清楚，燃气管道安全无小事。",
    "长三角的兄弟单位都很厉害，互相学习。",
    "创新工作室的成果很实用，已经在我们车间推广了。",
]
HELD = "有人在群里说可以代考技能等级证书，大家别信。"
PENDING = "请问下一期培训什么时候报名？"
REPORTED = "这个成绩我不服，裁判肯定有问题！"


def _moderator(union: Union) -> User | None:
    """An officer of the union or the nearest union above it; a superuser otherwise."""
    officers = (
        Officer.objects.filter(union__path__in=_ancestor_paths(union.path))
        .select_related("user")
        .order_by(Length("union__path").desc(), "id")
    )
    officer = officers.first()
    if officer is not None:
        return officer.user
    return User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _word_lists(posts: list[Post]) -> int:
    tops = {_ancestor_paths(p.union.path)[0] for p in posts}
    added = 0
    for union in Union.objects.filter(path__in=tops):
        actor = _moderator(union)
        if actor is None:
            continue
        present = set(SensitiveWord.objects.filter(union=union).values_list("word", flat=True))
        missing = [w for w in WORDS if w not in present]
        if missing:
            added += len(words.add_words(actor=actor, union=union, words=missing))
    return added


def _commenters() -> list[User]:
    people = list(User.objects.filter(worker__isnull=False, is_active=True).order_by("id")[:40])
    if len(people) < 4:
        people = list(User.objects.filter(is_active=True, is_superuser=False).order_by("id")[:40])
    return people


def _backdate(comment: Comment, post: Post, rng: random.Random) -> None:
    start = post.published_at or comment.created_at
    at = start + dt.timedelta(minutes=rng.randint(5, 60 * 24 * 3))
    Comment.objects.filter(pk=comment.pk).update(created_at=min(at, comment.created_at))


def load(*, out, options) -> None:
    posts = list(public_posts().select_related("union").order_by("-published_at", "-id")[:POSTS])
    if not posts:
        out.write("   no published showcase posts: no comments")
        return
    rng = random.Random(f"{options.get('seed', 2019)}-comments")
    added_words = _word_lists(posts)
    people = _commenters()
    if len(people) < 2:
        out.write(f"   {added_words} sensitive words; too few users to comment")
        return
    first_run = not Comment.objects.exists()
    made = 0
    for post in posts:
        if Comment.objects.filter(post=post).exists():
            continue
        moderator = _moderator(post.union)
        if moderator is None:
            continue
        written = []
        for body in rng.sample(APPROVED, k=rng.randint(2, 4)):
            author = rng.choice(people)
            comment = comment_services.post_comment(author=author, post=post, body=body)
            _backdate(comment, post, rng)
            written.append(comment.pk)
        moderation.moderate(actor=moderator, comment_ids=written, action="approve")
        made += len(written)
    if first_run:
        made += _examples(posts[0], people, rng)
    out.write(f"   showcase: {added_words} sensitive words, {made} comments")


def _examples(post: Post, people: list[User], rng: random.Random) -> int:
    """A held, a pending and a reported comment on the newest post."""
    comment_services.post_comment(author=people[0], post=post, body=HELD)
    comment_services.post_comment(author=people[1], post=post, body=PENDING)
    moderator = _moderator(post.union)
    if moderator is None or len(people) < 4:
        return 2
    reported = comment_services.post_comment(author=people[1], post=post, body=REPORTED)
    moderation.moderate(actor=moderator, comment_ids=[reported.pk], action="approve")
    for reporter in people[2:4]:
        reported.refresh_from_db()
        comment_services.report_comment(reporter=reporter, comment=reported, reason="abuse")
    return 3
