import pytest
from django.core.exceptions import ValidationError

from knowledge.blocks import KnowledgeStreamBlock, VideoBlock


def test_every_block_says_how_it_looks_and_what_it_is_for():
    for name, block in KnowledgeStreamBlock().child_blocks.items():
        meta = block.meta
        assert meta.template and meta.template.startswith("components/streamfield/"), name
        assert meta.icon, name
        assert meta.description, name
        assert hasattr(meta, "preview_value"), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["paragraph", "heading", "quote", "key_figures", "table"])
def test_blocks_render_their_preview_value(name):
    block = KnowledgeStreamBlock().child_blocks[name]
    html = block.render(block.to_python(block.get_prep_value(block.normalize(block.meta.preview_value))))
    assert html.strip()
    if name == "key_figures":
        assert "1,200 t" in html
    if name == "table":
        assert "<caption>Collection by year</caption>" in html
        assert "730" in html


@pytest.mark.parametrize("url", ["https://evil.example/video", "javascript:alert(1)", "https://www.dailymotion.com/x"])
def test_video_block_refuses_hosts_off_the_allow_list(url):
    with pytest.raises(ValidationError, match="YouTube or Vimeo"):
        VideoBlock().clean(url)
