"""Views read through each app's queries module, never `Model.objects` directly (issue 11,
item 3): a read in a view cannot be reused, tested on its own or have its query count kept
fixed. This walks every view module with `ast` and names the file and line of each use."""

import ast
from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
APPS = SRC / "coproduce"

# Uses still to move into the app's queries module, by file and expression, with how many
# times each appears. Empty: every view reads through queries (issue 11, item 3). Keep it so.
ALLOWED: Counter[tuple[str, str]] = Counter()


def view_modules() -> list[Path]:
    """Every module in a `views/` package, and every `views.py`, under src/coproduce."""
    found = {path for path in APPS.rglob("*.py") if "views" in path.relative_to(APPS).parts}
    found |= set(APPS.rglob("views.py"))
    return sorted(found)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "…"


def orm_uses(source: str) -> list[tuple[int, str]]:
    """(line, expression) for each `Something.objects` in the source."""
    return sorted(
        (node.lineno, _dotted(node))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr == "objects"
        and isinstance(node.value, ast.Name | ast.Attribute)
    )


def test_the_checker_finds_a_model_read_in_a_view():
    source = (
        "from coproduce.people.models import Expert\n"
        "def view(request):\n"
        "    return Expert.objects.filter(pk=1).first()\n"
        "def other(request):\n"
        "    return Expert.skills.through.objects.all()\n"
    )
    assert orm_uses(source) == [(3, "Expert.objects"), (5, "Expert.skills.through.objects")]


def test_the_checker_leaves_other_names_alone():
    source = "def view(request):\n    objects = queries.experts()\n    return objects\n"
    assert orm_uses(source) == []


def test_the_walk_finds_view_packages_and_view_files():
    names = {path.relative_to(SRC).as_posix() for path in view_modules()}
    assert "coproduce/people/views/profile.py" in names
    assert "coproduce/retention/views.py" in names
    assert "coproduce/people/queries.py" not in names


def not_allowed(found: list[tuple[str, int, str]]) -> list[str]:
    """'file:line: expression' for each (file, line, expression) beyond what ALLOWED lists."""
    counts = Counter((name, expression) for name, _, expression in found)
    return [
        f"{name}:{line}: {expression} (read it through the app's queries module)"
        for name, line, expression in found
        if counts[(name, expression)] > ALLOWED[(name, expression)]
    ]


def found_in_views() -> list[tuple[str, int, str]]:
    return [
        (path.relative_to(SRC).as_posix(), line, expression)
        for path in view_modules()
        for line, expression in orm_uses(path.read_text())
    ]


def test_each_model_read_in_a_view_is_named_with_its_file_and_line():
    found = [
        ("coproduce/accounts/views/staff.py", 19, "User.objects"),
        ("coproduce/accounts/views/staff.py", 47, "User.objects"),
        ("coproduce/accounts/views/staff.py", 99, "User.objects"),
        ("coproduce/retention/views.py", 23, "RetentionRun.objects"),
    ]
    assert not_allowed(found) == [
        "coproduce/accounts/views/staff.py:19: User.objects (read it through the app's queries module)",
        "coproduce/accounts/views/staff.py:47: User.objects (read it through the app's queries module)",
        "coproduce/accounts/views/staff.py:99: User.objects (read it through the app's queries module)",
        "coproduce/retention/views.py:23: RetentionRun.objects (read it through the app's queries module)",
    ]


def test_views_read_through_queries_not_model_objects():
    found = found_in_views()
    problems = not_allowed(found)
    assert not problems, "Views use Model.objects:\n" + "\n".join(problems)
    counts = Counter((name, expression) for name, _, expression in found)
    moved = sorted(key for key in ALLOWED if counts[key] < ALLOWED[key])
    assert not moved, f"These reads have moved: lower their count in ALLOWED: {moved}"
