"""Checks every browser journey runs on the pages it visits: axe-core for WCAG 2.x A and AA,
no console errors, and no sideways scrolling on a 320px-wide screen."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SMALL_SCREEN_WIDTH = 320


def wait_for_frontend(page) -> None:
    """Waits until NHS.UK frontend's JavaScript has set up every component on the page (each
    marks itself `data-<module>-init`), so that tests, and axe, see the page a person sees."""
    page.wait_for_load_state("load")
    try:
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-module]')]
                .every(el => el.hasAttribute('data-' + el.dataset.module + '-init'))""",
            timeout=5_000,
        )
    except PlaywrightTimeoutError:
        missing = page.evaluate(
            """() => [...document.querySelectorAll('[data-module]')]
                .filter(el => !el.hasAttribute('data-' + el.dataset.module + '-init'))
                .map(el => el.dataset.module)"""
        )
        pytest.fail(f"NHS.UK frontend did not start on {page.url}: {missing}", pytrace=False)


def assert_no_page_errors(page) -> None:
    errors = page.problems.take()
    assert not errors, f"{page.url} had errors:\n" + "\n".join(errors)


def assert_accessible(page) -> None:
    """Runs axe-core on the page as it is now and fails on any WCAG 2.x A or AA violation,
    listing each rule, its impact and the elements that break it. Also fails on console
    errors the page has had since the last check."""
    wait_for_frontend(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Run by the browser's devtools, not as a <script> the page's Content-Security-Policy
        # would refuse (add_script_tag writes an inline script).
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                               resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )
    if result:
        lines = [f"axe found {len(result)} WCAG violation(s) on {page.url}:"]
        for v in result:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}")
                summary = (node.get("summary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"       {summary}")
        pytest.fail("\n".join(lines), pytrace=False)
    assert_no_page_errors(page)


def check_small_screen(page) -> None:
    """At 320 CSS pixels wide (a small phone, or 1280px at 400% zoom) the page must not scroll
    sideways, and the page must still pass axe. Our tables sit in `.app-table-wrapper`, which
    scrolls on its own; the check makes sure that wrapper never widens the page itself."""
    original = page.viewport_size
    page.set_viewport_size({"width": SMALL_SCREEN_WIDTH, "height": 640})
    try:
        # The NHS header moves links into its "More" menu on the next animation frame after a
        # resize; measure once that has happened, as a person loading the page would see it.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        widths = page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth;
                const wide = [];
                for (const el of document.body.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 && r.height === 0) continue;
                    if (r.right > limit + 1 && !el.closest('.app-table-wrapper table')) {
                        wide.push(el.tagName.toLowerCase()
                            + (el.id ? '#' + el.id : '')
                            + (el.className && typeof el.className === 'string'
                               ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                            + ' (right edge ' + Math.round(r.right) + 'px)');
                    }
                }
                const wrappers = [...document.querySelectorAll('.app-table-wrapper')].map(w => ({
                    right: w.getBoundingClientRect().right,
                    scrolls: getComputedStyle(w).overflowX,
                }));
                return {scrollWidth: document.documentElement.scrollWidth, wide, wrappers};
            }"""
        )
        for wrapper in widths["wrappers"]:
            assert wrapper["scrolls"] in {"auto", "scroll"}, ".app-table-wrapper must scroll"
            assert wrapper["right"] <= SMALL_SCREEN_WIDTH + 1, (
                f"A table wrapper is wider than the screen on {page.url}"
            )
        assert widths["scrollWidth"] <= SMALL_SCREEN_WIDTH + 1, (
            f"{page.url} scrolls sideways at {SMALL_SCREEN_WIDTH}px: the page is "
            f"{widths['scrollWidth']}px wide. Elements past the edge:\n  "
            + "\n  ".join(widths["wide"][:15])
        )
        assert_accessible(page)
    finally:
        page.set_viewport_size(original)


def check_page(page, small_screen: bool = False) -> None:
    """The baseline for every page a journey visits: axe at desktop width, and for key pages
    again at 320px with the sideways-scroll check."""
    assert_accessible(page)
    if small_screen:
        check_small_screen(page)


def visit(page, path: str, status: int = 200):
    """Opens a page by its address and checks the server's answer."""
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"{path} answered {response.status if response else 'nothing'}, expected {status}"
    )
    wait_for_frontend(page)
    return response


def assert_error_summary(page, expected: dict[str, str]) -> None:
    """The NHS error pattern: the title starts "Error:", the error summary has focus, and each
    error in it links to the input it is about, where the same message sits beside the field.
    `expected` maps input ids to (part of) their messages; every one must be listed."""
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    assert page.title().startswith("Error: "), f"Title is {page.title()!r}"
    links = summary.locator("a").all()
    assert links, "The error summary lists no errors"
    found = {}
    for link in links:
        href = link.get_attribute("href") or ""
        assert href.startswith("#") and len(href) > 1, f"Error link {href!r} goes nowhere"
        target_id = href[1:]
        text = " ".join(link.inner_text().split())
        beside = page.evaluate(
            """(id) => {
                const input = document.getElementById(id);
                if (!input) return null;
                // The boxes of a date input each sit in a group of their own, inside the
                // field's group that holds the message.
                let group = input.closest('.nhsuk-form-group');
                while (group && !group.querySelector('.nhsuk-error-message')) {
                    group = group.parentElement && group.parentElement.closest('.nhsuk-form-group');
                }
                const message = group && group.querySelector('.nhsuk-error-message');
                return {
                    tag: input.tagName.toLowerCase(),
                    type: input.type || '',
                    groupHasError: !!group && group.classList.contains('nhsuk-form-group--error'),
                    message: message ? message.innerText.replace(/^Error:\\s*/, '').trim() : null,
                    describedBy: (input.closest('fieldset') || input).getAttribute('aria-describedby')
                                 || input.getAttribute('aria-describedby') || '',
                    messageId: message ? message.id : null,
                };
            }""",
            target_id,
        )
        assert beside is not None, f"Error {text!r} links to #{target_id}, which is not on the page"
        assert beside["tag"] in {"input", "select", "textarea"}, (
            f"Error {text!r} links to a {beside['tag']}, not the input itself"
        )
        assert beside["groupHasError"], f"#{target_id} is not shown as having an error"
        assert beside["message"] and text in " ".join(beside["message"].split()), (
            f"Beside #{target_id} the message is {beside['message']!r}, the summary says {text!r}"
        )
        assert beside["messageId"] in beside["describedBy"].split(), (
            f"#{target_id} (or its fieldset) is not described by its error message"
        )
        found[target_id] = text
    for target_id, words in expected.items():
        assert target_id in found, f"No error for #{target_id}; the summary lists {found}"
        assert words in found[target_id], f"#{target_id} says {found[target_id]!r}, not {words!r}"


def follow_error_link(page, target_id: str) -> None:
    """Clicking an error in the summary puts the keyboard focus in that field."""
    page.locator(f'.nhsuk-error-summary a[href="#{target_id}"]').click()
    expect(page.locator(f"#{target_id}")).to_be_focused()


def open_from_all_pages(page, name: str) -> None:
    """As a person finds a page the header leaves out: "All pages" in the header, then the
    page's link among the groups."""
    page.get_by_role("navigation").get_by_role("link", name="All pages").click()
    page.get_by_role("main").get_by_role("link", name=name, exact=True).click()
