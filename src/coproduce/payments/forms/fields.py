"""Amounts of money as people type them."""

from django import forms


class PoundsField(forms.DecimalField):
    """A decimal that also takes "£12.50" and "1,200"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("£", "").replace(",", "").strip()
            if len(value) > 30:  # no amount is this long: refused before Decimal reads it
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
