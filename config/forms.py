"""Site-wide form rendering: every Django form renders its fields with
templates/components/forms/field.html (Bootstrap markup, labels, help and
errors tied to the input with aria-describedby)."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
