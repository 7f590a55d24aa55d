"""Form data builders shared by the people tests."""

from tests.dates import with_date_boxes


def expert_form_data(**overrides) -> dict:
    data = {
        "full_name": "Margaret Okafor",
        "preferred_name": "Maggie",
        "pronouns": "she/her",
        "email": "maggie@example.net",
        "phone": "07700 900 456",
        "address": "1 High Street\nShrewsbury",
        "postcode": "sy1 1aa",
        "preferred_channel": "email",
        "perspective": "carer",
        "biography": "Cared for her mother, who had dementia, for ten years.",
        "access_notes": "",
        "available_days": ["mon", "wed"],
        "available_times": ["morning"],
        "notice_days": "14",
        "payment_preference": "paid",
        "benefits_declaration": "weekly",
        "earnings_limit": "195.00",
        "assessment_period_start_day": "",
        "payee_reference": "PAY-0042",
        "consent_date": "15/3/2026",
        "internal_notes": "Met at the carers' café.",
    }
    data.update(overrides)
    return with_date_boxes(data, "consent_date")
