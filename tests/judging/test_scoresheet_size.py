"""A scoresheet upload is read through core.spreadsheets.read_upload: refused by its size
before its body is read, and never read past the limit whatever size it claims."""

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler

from judging import services
from judging.models import Mark
from tests.judging.test_scoresheet import csv_file, upload

pytestmark = pytest.mark.django_db

READ: list[int] = []  # bytes handed out by each read of the uploaded file


class CountingFile(InMemoryUploadedFile):
    def read(self, *args):
        data = self.file.read(*args)
        READ.append(len(data))
        return data


class SmallClaimHandler(MemoryFileUploadHandler):
    """An upload handler that reports every file as 1 byte (a size that is wrong)."""

    def file_complete(self, file_size):
        self.file.seek(0)
        return CountingFile(
            self.file, self.field_name, self.file_name, self.content_type, 1, self.charset
        )


class HonestHandler(SmallClaimHandler):
    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.size = file_size
        return upload


@pytest.fixture
def small_limit(monkeypatch):
    READ.clear()
    monkeypatch.setattr(services, "MAX_SCORESHEET_BYTES", 1024)


def _big_sheet(contest):
    bib = contest.entries[0].bib
    return csv_file([(bib, "P", "80.5")] * 200)  # about 2 KB


@pytest.mark.usefixtures("english", "small_limit")
def test_an_oversize_scoresheet_is_a_400_naming_the_limit_unread(contest, settings):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.HonestHandler"]
    response = upload(contest.judges[1].user, contest.event, _big_sheet(contest))
    assert response.status_code == 400
    assert "split it" in response.json()["file"][0]
    assert READ == []
    assert not Mark.objects.exists()


@pytest.mark.usefixtures("english", "small_limit")
def test_a_scoresheet_claiming_a_small_size_is_not_read_past_the_limit(contest, settings):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.SmallClaimHandler"]
    response = upload(contest.judges[1].user, contest.event, _big_sheet(contest))
    assert response.status_code == 400
    assert sum(READ) <= 1024 + 1
    assert not Mark.objects.exists()
