"""core.media: stored files no row names are removed after a day, and only those."""

import os
import time

import pytest
from django.core.management import CommandError, call_command

from core import media
from showcase.models import PostImage
from tests.showcase.factories import PostFactory

pytestmark = pytest.mark.django_db

DAY = 86400


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    post = PostFactory()
    folder = tmp_path / "showcase" / str(post.pk)
    folder.mkdir(parents=True)
    files = {}
    for name, age in (("named.jpg", 2 * DAY), ("orphan.jpg", 2 * DAY), ("young.jpg", 60)):
        path = folder / name
        path.write_bytes(b"\xff\xd8jpeg")
        os.utime(path, (time.time() - age, time.time() - age))
        files[name] = f"showcase/{post.pk}/{name}"
    PostImage.objects.create(post=post, name=files["named.jpg"], width=1, height=1, size=6)
    (tmp_path / "certificates").mkdir()
    (tmp_path / "certificates" / "old.pdf").write_bytes(b"%PDF")  # no app owns it: kept
    os.utime(tmp_path / "certificates" / "old.pdf", (time.time() - 9 * DAY,) * 2)
    return tmp_path, files


def test_only_an_old_file_no_row_names_is_removed(stored):
    root, files = stored
    assert media.sweep() == [files["orphan.jpg"]]
    assert not (root / files["orphan.jpg"]).exists()
    assert (root / files["named.jpg"]).exists()
    assert (root / files["young.jpg"]).exists()
    assert (root / "certificates" / "old.pdf").exists()


def test_a_dry_run_lists_and_removes_nothing(stored, capsys):
    root, files = stored
    call_command("sweep_media", "--dry-run")
    out = capsys.readouterr().out
    assert files["orphan.jpg"] in out and "would remove 1 files" in out
    assert (root / files["orphan.jpg"]).exists()


def test_a_bad_number_of_hours_is_a_clean_error(stored):
    with pytest.raises(CommandError, match="hours"):
        call_command("sweep_media", "--hours", "0")
    with pytest.raises(CommandError, match="hours"):
        call_command("sweep_media", "--hours", "many")


def test_a_folder_must_be_a_relative_storage_folder():
    for bad in ("showcase", "/etc/", "../x/"):
        with pytest.raises(ValueError):
            media.owns(bad, list)


def test_the_daily_task_removes_them_too(stored):
    from core.tasks import sweep_media

    root, files = stored
    assert sweep_media.apply().get() == 1
    assert not (root / files["orphan.jpg"]).exists()
