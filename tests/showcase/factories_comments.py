"""Factories of the comments tests: a minimal published post (the posts part has its own
factories), comments and words; and a fixture that forgets the word-filter automaton and the
cached version number between tests (the database is rolled back, the cache is not)."""

from __future__ import annotations

import factory
import pytest
from django.core.cache import cache
from django.utils import timezone

from showcase import wordfilter
from showcase.models import Comment, CommentStatus, Post, PostKind, PostStatus, SensitiveWord
from tests.factories import UnionFactory, UserFactory


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    kind = PostKind.NEWS
    title = factory.Sequence(lambda n: f"第{n}条动态：班组技能比武圆满结束")
    body = "<p>比武现场气氛热烈。</p>"
    union = factory.SubFactory(UnionFactory)
    author = factory.SubFactory(UserFactory)
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    post = factory.SubFactory(PostFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"向劳模学习！第{n}条")
    status = CommentStatus.PENDING


def approved_comment(post: Post, **kwargs) -> Comment:
    """An approved comment, counted on the post as the services would."""
    comment = CommentFactory(post=post, status=CommentStatus.APPROVED, **kwargs)
    Post.objects.filter(pk=post.pk).update(comment_count=post.comment_count + 1)
    post.refresh_from_db()
    return comment


def word(union, text: str) -> SensitiveWord:
    return SensitiveWord.objects.create(
        union=union, word=text, normalised=wordfilter.normalise_word(text)
    )


@pytest.fixture(autouse=False)
def fresh_word_filter():
    cache.delete(wordfilter.VERSION_KEY)
    wordfilter._built = None
    yield
    cache.delete(wordfilter.VERSION_KEY)
    wordfilter._built = None
