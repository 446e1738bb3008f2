from django import forms


def style_form(form) -> None:
    """Bootstrap classes on every widget, so templates stay plain `{{ field }}`."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select form-select-sm")
        else:
            widget.attrs.setdefault("class", "form-control form-control-sm")


def iso_date_input() -> forms.DateInput:
    """<input type=date> needs 2026-11-21; zh-hans would render 2026/11/21, which it rejects."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
