"""The picture of how an expert's involvement fits the organisation, drawn as SVG on the
server from the groups and teams in the system: the expert at the top, the involvement team
who supports them, then each organisation, its teams with groups, and those groups.

It is a tree read from top to bottom, each level set in from the one above, so it stays
readable on a phone and on paper. The same tree is given as nested lists (`Node`), the
picture's text equivalent, which the pack shows beside it."""

import base64
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

WIDTH = 400
ROW = 40
BOX_HEIGHT = 30
INDENT = 28
FONT_SIZE = 13
CHAR_WIDTH = 6.9  # about the width of a character at FONT_SIZE
TEXT = "#212b32"
# Fill and outline by level: all outlines 3:1 or more against white, all text dark on light.
LEVELS = (
    ("#005eb8", "#ffffff"),  # you: NHS blue, white text
    ("#e8edee", TEXT),
    ("#ffffff", TEXT),
    ("#f0f4f5", TEXT),
    ("#ffffff", TEXT),
)
OUTLINE = "#425563"
MOST_GROUPS = 40


@dataclass
class Node:
    label: str
    note: str = ""
    children: list["Node"] = field(default_factory=list)


def tree_of(groups: Iterable, *, term: str, organisation: str) -> Node:
    """You → the involvement team → each organisation → its teams → their groups. Groups
    with no team sit under the organisation running the pack."""
    team_node = Node(f"The involvement team at {organisation}", "supports you")
    you = Node(f"You, an {term}" if term[:1].lower() in "aeiou" else f"You, a {term}")
    you.children.append(team_node)
    organisations: dict[str, Node] = {}
    teams: dict[tuple[str, str], Node] = {}
    shown = 0
    left_out = 0
    for group in groups:
        if shown >= MOST_GROUPS:
            left_out += 1
            continue
        team = group.team
        org_name = team.organisation.name if team else organisation
        org = organisations.get(org_name)
        if org is None:
            org = organisations[org_name] = Node(org_name, "organisation")
            team_node.children.append(org)
        parent = org
        if team is not None:
            parent = teams.get((org_name, team.name))  # type: ignore[assignment]
            if parent is None:
                parent = teams[(org_name, team.name)] = Node(team.name, "team")
                org.children.append(parent)
        parent.children.append(Node(group.name, group.get_kind_display().lower()))
        shown += 1
    if left_out:
        team_node.children.append(Node(f"and {left_out} more groups", ""))
    return you


def _rows(node: Node, depth: int = 0) -> list[tuple[int, int | None, Node]]:
    """(depth, row of the parent, node) for every node, top to bottom."""
    rows: list[tuple[int, int | None, Node]] = [(depth, None, node)]
    for child in node.children:
        start = len(rows)
        below = _rows(child, depth + 1)
        below[0] = (below[0][0], 0, below[0][2])
        rows += [(d, (p + start) if p is not None else None, n) for d, p, n in below]
    return rows


def _shortened(text: str, room: float) -> str:
    most = max(int(room / CHAR_WIDTH), 8)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def svg(tree: Node, *, title: str) -> Markup:
    """The tree as an accessible SVG picture (`role="img"`, named by its title and a
    description that points to the list beside it)."""
    rows = _rows(tree)
    parts: list[str] = []
    for index, (depth, parent, node) in enumerate(rows):
        x = depth * INDENT
        y = index * ROW
        fill, colour = LEVELS[min(depth, len(LEVELS) - 1)]
        if parent is not None:
            px = (depth - 1) * INDENT + 12
            py = parent * ROW + BOX_HEIGHT
            parts.append(
                f'<path d="M{px},{py} V{y + BOX_HEIGHT / 2} H{x}" fill="none" '
                f'stroke="{OUTLINE}" stroke-width="1.5"/>'
            )
        width = WIDTH - x - 1
        words = node.label + (f" ({node.note})" if node.note else "")
        parts.append(
            f'<rect x="{x}" y="{y}" width="{width}" height="{BOX_HEIGHT}" rx="4" '
            f'fill="{fill}" stroke="{OUTLINE}" stroke-width="1.5"/>'
        )
        bold = ' font-weight="bold"' if depth < 2 else ""
        parts.append(
            f'<text x="{x + 8}" y="{y + 20}" font-size="{FONT_SIZE}"{bold} fill="{colour}">'
            f"{escape(_shortened(words, width - 16))}</text>"
        )
    height = max(len(rows) * ROW - (ROW - BOX_HEIGHT), 1) + 2
    described = "The list after the picture says the same in words."
    return Markup(  # noqa: S704 - every piece of text above is escaped  # nosec B704
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-welcome-picture" role="img" '
        f'aria-labelledby="welcome-picture-title welcome-picture-desc" '
        f'viewBox="-1 -1 {WIDTH + 2} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" font-family="Arial, sans-serif">'
        f'<title id="welcome-picture-title">{escape(title)}</title>'
        f'<desc id="welcome-picture-desc">{escape(described)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def data_url(picture: Markup) -> str:
    """The picture as a data: URL, for an <img> with its own alternative text in a PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(picture).encode()).decode("ascii")
