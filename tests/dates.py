"""Form data for dates typed into the NHS day, month and year boxes."""


def date_boxes(name: str, text: str) -> dict[str, str]:
    """ "17/3/2026" as the three boxes of the field `name`: `name-day`, `name-month` and
    `name-year`. Parts left out are sent empty, as a browser sends an empty box."""
    parts = ((text.split("/") if text else []) + ["", "", ""])[:3]
    return {
        f"{name}-{part}": value for part, value in zip(("day", "month", "year"), parts, strict=True)
    }


def with_date_boxes(data: dict, *names: str) -> dict:
    """The form data with each named date ("17/3/2026") sent as its three boxes."""
    data = dict(data)
    for name in names:
        if name in data:
            data.update(date_boxes(name, data.pop(name)))
    return data


def boxes_html(name: str, text: str) -> list[str]:
    """What the three boxes show when the page keeps "17/3/2026" (or a part of it)."""
    return [
        f'id="id_{key}" name="{key}" type="text" value="{value}"'
        for key, value in date_boxes(name, text).items()
    ]
