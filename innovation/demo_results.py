"""(to be written)"""


def load(*, out, options) -> None:
    return None
