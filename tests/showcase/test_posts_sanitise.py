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


def test_plain_text_becomes_paragraphs():
    assert clean_html("甲\n\n乙 & 丙") == "<p>甲</p><p>乙 &amp; 丙</p>"


def test_text_without_tags_keeps_its_line_breaks():
    assert clean_html("一行\n二行") == "<p>一行<br>二行</p>"
