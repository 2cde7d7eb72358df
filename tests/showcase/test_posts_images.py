"""Images are re-encoded on the server: resized, EXIF gone, bounded (showcase.images)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from showcase import images


def upload(img: Image.Image, fmt="JPEG", **save) -> SimpleUploadedFile:
    buf = io.BytesIO()
    img.save(buf, fmt, **save)
    return SimpleUploadedFile("a." + fmt.lower(), buf.getvalue())


def test_a_large_photo_is_shrunk_to_the_maximum_side():
    out = images.process(upload(Image.new("RGB", (4000, 3000), "red")))
    assert (out.width, out.height) == (1600, 1200)
    assert Image.open(io.BytesIO(out.content)).format == "JPEG"


def test_exif_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0112] = 1
    out = images.process(upload(Image.new("RGB", (100, 80)), exif=exif.tobytes()))
    assert b"Camera maker" not in out.content
    assert not Image.open(io.BytesIO(out.content)).getexif()


def test_a_transparent_png_becomes_a_jpeg():
    out = images.process(upload(Image.new("RGBA", (50, 50), (0, 0, 0, 0)), "PNG"))
    assert Image.open(io.BytesIO(out.content)).mode == "RGB"


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError):
        images.process(SimpleUploadedFile("a.jpg", b"<script>alert(1)</script>"))


def test_too_many_pixels_are_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError):
        images.process(upload(Image.new("RGB", (20, 20))))


def test_too_many_bytes_are_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError):
        images.process(upload(Image.new("RGB", (20, 20))))
