"""Pictures of results: resized, turned upright, stripped of EXIF; bounded; served only where
the result is visible."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from innovation import images
from innovation.services.results import add_image, remove_image
from tests.innovation.factories_results import ItemFactory, ResultFactory


def _jpeg(size=(3000, 2000), *, gps=True) -> bytes:
    picture = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to show upright
    if gps:
        exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0)}
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_picture_is_resized_turned_upright_and_stripped():
    data = _jpeg()
    assert Image.open(io.BytesIO(data)).getexif()
    clean = Image.open(io.BytesIO(images.normalise(data)))
    assert clean.format == "JPEG"
    assert max(clean.size) == images.MAX_SIDE
    assert clean.size[1] > clean.size[0]  # the orientation applied: portrait now
    assert not clean.getexif()
    assert "exif" not in clean.info


def test_a_small_png_keeps_its_size():
    out = io.BytesIO()
    Image.new("RGBA", (40, 30)).save(out, format="PNG")
    assert Image.open(io.BytesIO(images.normalise(out.getvalue()))).size == (40, 30)


def test_bytes_that_are_no_picture_are_refused():
    with pytest.raises(images.ImageError) as raised:
        images.normalise(b"%PDF-1.4 not a picture")
    assert raised.value.problem is images.Problem.NOT_AN_IMAGE


def test_too_many_pixels_are_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (7000, 7000)).save(out, format="PNG")
    with pytest.raises(images.ImageError) as raised:
        images.normalise(out.getvalue())
    assert raised.value.problem is images.Problem.TOO_LARGE


def test_too_many_bytes_are_refused():
    with pytest.raises(images.ImageError):
        images.normalise(b"\0" * (images.MAX_BYTES + 1))


@pytest.fixture
def memory_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.mark.django_db
def test_a_picture_added_to_a_result_is_served_when_the_result_is_public(
    union_tree, officer_a, client, memory_storage
):
    item = ItemFactory(result__studio__union=union_tree[1])
    image = add_image(actor=officer_a, result=item.result, data=_jpeg((800, 600)), caption="现场")
    url = f"/innovation/results/images/{image.pk}.jpg"
    assert client.get(url).status_code == 404  # the exhibition is not published yet
    item.exhibition.published_at = timezone.now()
    item.exhibition.save()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert not Image.open(io.BytesIO(response.content)).getexif()
    remove_image(actor=officer_a, image=image)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_bad_picture_is_a_field_error(union_tree, officer_a, memory_storage):
    result = ResultFactory(studio__union=union_tree[1])
    with pytest.raises(ValidationError) as raised:
        add_image(actor=officer_a, result=result, data=b"nope")
    assert "image" in raised.value.message_dict


@pytest.mark.django_db
def test_an_officer_of_another_union_may_not_add_a_picture(union_tree, officer_c, memory_storage):
    result = ResultFactory(studio__union=union_tree[1])
    with pytest.raises(PermissionDenied):
        add_image(actor=officer_c, result=result, data=_jpeg((10, 10)))
