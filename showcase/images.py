"""Images of posts: checked, decoded and re-encoded on the server with Pillow.

An upload is bounded before it is decoded (MAX_UPLOAD_BYTES, then MAX_PIXELS read from the
header, so a decompression bomb is refused without being expanded), turned upright by its
EXIF orientation, shrunk to at most MAX_SIDE pixels on its longer side and saved as a fresh
JPEG: no EXIF (camera, GPS position), no other metadata, nothing of the original bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
QUALITY = 85
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class Processed:
    content: bytes
    width: int
    height: int


def process(upload) -> Processed:
    """The upload as a clean JPEG, or ValidationError({"image": [...]})."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"image": _("An image may be at most %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES >> 20}}
        )
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"image": _("An image may be at most %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES >> 20}}
        )
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in FORMATS:
                raise ValidationError({"image": _("Send a JPEG, PNG, WebP or GIF image.")})
            width, height = img.size
            if width * height > MAX_PIXELS or width < 1 or height < 1:
                raise ValidationError(
                    {"image": _("An image may have at most %(n)d million pixels.")
                     % {"n": MAX_PIXELS // 1_000_000}}
                )  # fmt: skip
            img.seek(0)
            upright = ImageOps.exif_transpose(img)
            upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            if upright.mode != "RGB":
                background = Image.new("RGB", upright.size, "white")
                rgba = upright.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                upright = background
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=QUALITY, optimize=True)
            return Processed(out.getvalue(), upright.width, upright.height)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        raise ValidationError({"image": _("This file is not an image we can read.")}) from None
