"""Times the spreadsheet import as a coordinator meets it: a 5,000-row CSV read, kept, checked
(every row, and duplicates against the 20,000 experts already there) and imported."""

import csv
import io
import random
import time

IMPORT_ROWS = 5_000
IMPORT_TARGET_S = 30.0
HEADINGS = [
    "Full name", "Email", "Phone", "Postcode", "Locality", "Perspective", "Status",
    "Lived experience", "Skills", "Access needs", "Payment preference",
]  # fmt: skip


def spreadsheet(rows: int, seed: int = 7) -> bytes:
    """A team's spreadsheet: every row valid, with names from the team's own lists."""
    from coproduce.people.models import AccessNeed, LivedExperienceArea, Locality, Skill

    chance = random.Random(seed)  # noqa: S311 (test data, not security)
    areas = list(LivedExperienceArea.objects.values_list("name", flat=True))
    skills = list(Skill.objects.values_list("name", flat=True))
    needs = list(AccessNeed.objects.values_list("name", flat=True))
    places = list(Locality.objects.values_list("name", flat=True))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for n in range(rows):
        writer.writerow(
            [
                f"Imported Person {n}",
                f"imported{n}@example.net",
                f"07911 {100000 + n:06d}",
                "SY2 6ND",
                chance.choice(places),
                chance.choice(["Carer", "Service user", "Both"]),
                "Active",
                "; ".join(chance.sample(areas, 2)),
                "; ".join(chance.sample(skills, 2)),
                chance.choice(needs),
                "Paid",
            ]
        )
    return out.getvalue().encode()


def time_import(actor) -> float:
    from coproduce.people import imports

    content = spreadsheet(IMPORT_ROWS)
    started = time.perf_counter()
    sheet = imports.read_spreadsheet(content=content, filename="register.csv")
    batch = imports.start_import(actor=actor, filename="register.csv", content=content, sheet=sheet)
    batch = imports.choose_columns(
        batch=batch, mapping=batch.mapping, default_perspective="", default_status="active"
    )
    preview = imports.preview_import(batch=batch)
    assert preview.can_import, "the benchmark's spreadsheet should have no problems"
    batch = imports.run_import(batch=batch, actor=actor)
    assert batch.imported_count == IMPORT_ROWS
    return time.perf_counter() - started
