"""Pictures of results: any JPEG, PNG, WebP or GIF within bounds comes out as a JPEG of at most
MAX_SIDE pixels a side, turned upright, with no EXIF or other metadata (a phone's photo carries
its GPS position and the camera's serial). No Django here: bytes in, bytes out."""

from __future__ import annotations

import io
from enum import StrEnum

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # below Pillow's bomb threshold: refused before decoding
MAX_SIDE = 1600
FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
QUALITY = 85


class Problem(StrEnum):
    TOO_LARGE = "too_large"  # bytes or pixels
    NOT_AN_IMAGE = "not_an_image"


class ImageError(ValueError):
    def __init__(self, problem: Problem):
        super().__init__(problem.value)
        self.problem = problem


def normalise(data: bytes) -> bytes:
    """The picture as a clean, bounded JPEG, or ImageError."""
    if len(data) > MAX_BYTES:
        raise ImageError(Problem.TOO_LARGE)
    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.format not in FORMATS:
                raise ImageError(Problem.NOT_AN_IMAGE)
            width, height = source.size
            if width * height > MAX_SOURCE_PIXELS:
                raise ImageError(Problem.TOO_LARGE)
            source.seek(0)  # the first frame of an animation
            upright = ImageOps.exif_transpose(source)
            picture = upright.convert("RGB")
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageError(Problem.NOT_AN_IMAGE) from error
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A new image's `info` is empty: saved without `exif=`, nothing of the source goes along.
    picture.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()
