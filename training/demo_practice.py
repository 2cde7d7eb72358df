"""Demo step part (see training/demo.py)."""


def load(*, out, options) -> None:
    """Nothing yet."""
