"""StreamField blocks of knowledge items. Each has a template, an icon, a
preview value and a description, so editors see what it is for."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Video hosts an editor may embed; anything else could track readers or run scripts.
VIDEO_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
    "vimeo.com",
    "player.vimeo.com",
    "www.youtube-nocookie.com",
}


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=150)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2")

    class Meta:
        template = "components/streamfield/heading_block.html"
        icon = "title"
        label = _("Heading")
        preview_value = {"text": "Lessons learned", "level": "h2"}
        description = _("A section heading that also appears in the page outline.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        template = "components/streamfield/image_block.html"
        icon = "image"
        label = _("Image")
        preview_value = {"alt_text": "Workers sorting e-waste", "caption": "Collection point, Nairobi"}
        description = _("An image with the text that describes it.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        template = "components/streamfield/document_block.html"
        icon = "doc-full"
        label = _("Document")
        preview_value = {"title": "National inventory report (PDF)"}
        description = _("A downloadable document.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        template = "components/streamfield/quote_block.html"
        icon = "openquote"
        label = _("Quote")
        preview_value = {"text": "The committee made our reports coherent.", "attribution": "Focal point"}
        description = _("A quotation with its source.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=30)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=6, label=_("Figures"))

    class Meta:
        template = "components/streamfield/key_figures_block.html"
        icon = "list-ul"
        label = _("Key figures")
        preview_value = {
            "figures": [
                {"value": "1,200 t", "label": "e-waste collected"},
                {"value": "14", "label": "collection points"},
            ]
        }
        description = _("A few numbers that show the results at a glance.")


TABLE_PREVIEW = {
    "caption": "Collection by year",
    "columns": [{"type": "text", "heading": "Year"}, {"type": "number", "heading": "Tonnes"}],
    "rows": [{"values": ["2022", 410]}, {"values": ["2023", 730]}],
}


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock()),
                ("number", blocks.DecimalBlock()),
                ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
            ],
            **kwargs,
        )

    class Meta:
        template = "components/streamfield/table_block.html"
        icon = "table"
        label = _("Table")
        description = _("A table of data with a caption.")


class VideoBlock(EmbedBlock):
    """An embedded video from an allow-listed host only."""

    def clean(self, value):
        url = getattr(value, "url", value) or ""
        host = urlsplit(str(url)).hostname or ""
        if host not in VIDEO_HOSTS:
            raise ValidationError(_("Videos can be embedded from YouTube or Vimeo only."))
        return super().clean(value)

    class Meta:
        template = "components/streamfield/video_block.html"
        icon = "media"
        label = _("Video")
        description = _("A video from YouTube or Vimeo.")


class KnowledgeStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="components/streamfield/paragraph_block.html",
        icon="pilcrow",
        label=_("Paragraph"),
        preview_value="<p>The take-back scheme started with fourteen collection points.</p>",
        description=_("Text with simple formatting and links."),
    )
    heading = HeadingBlock()
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    table = TableBlock(preview_value=TABLE_PREVIEW)
    # No preview value: previewing an embed would fetch it from the video host.
    video = VideoBlock(preview_value=None)
