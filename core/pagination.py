from rest_framework.pagination import PageNumberPagination


class DefaultPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def clamp_page(number: int, count: int, size: int) -> int:
    """A requested page number within 1..the last page of `count` items (`?page=999` of a
    24-page list is page 24, never "page 1 of 24" over an empty table)."""
    last = max(1, (count + size - 1) // size)
    return min(max(1, number), last)
