"""The rich-text allow-list (showcase.sanitise)."""

from showcase.sanitise import clean_html, excerpt, plain_text


def test_script_tags_and_their_content_are_removed():
    assert clean_html("<p>a</p><script>alert(1)</script>") == "<p>a</p>"


def test_javascript_links_lose_their_target():
    cleaned = clean_html('<a href="javascript:alert(1)">x</a>')
    assert "javascript" not in cleaned and ">x</a>" in cleaned


def test_http_links_stay_with_a_safe_rel():
    cleaned = clean_html('<a href="https://example.org/">x</a>')
    assert 'href="https://example.org/"' in cleaned and "noopener" in cleaned


def test_event_handler_and_style_attributes_are_removed():
    cleaned = clean_html('<p style="color:red" onmouseover="x()">a</p>')
    assert cleaned == "<p>a</p>"


def test_images_and_iframes_from_users_are_removed():
    assert clean_html('<img src=x onerror=alert(1)><iframe src="//x"></iframe>b') == "b"


def test_plain_text_and_excerpt():
    assert plain_text("<p>甲 <b>乙</b></p>") == "甲 乙"
    assert excerpt("<p>" + "字" * 200 + "</p>", 10) == "字" * 9 + "…"
