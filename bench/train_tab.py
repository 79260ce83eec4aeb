"""The Train page in a real browser tab, driven by Playwright: what ``bench/app_overhead.py`` clicks and reads.

A tab is prepared as a learner would (a preset from the notes, its dataset, the samples slider, epochs, batch
size), Train is clicked, and the page's own progress line is read ("#1 Adam: finished · epoch 5/5 · …").
``say`` logs each step to stderr; with ``BENCH_SCREENSHOTS=DIR`` it also saves a screenshot of the page.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

PRESET_TITLE = "MNIST CNN (two conv blocks)"
TIMEOUT_MS = 180_000
RUN_TIMEOUT_S = 1_800.0
_STARTED = time.perf_counter()

SHOTS = os.environ.get("BENCH_SCREENSHOTS")  # A folder: a screenshot of the page at each step (debugging).


def say(what: str, page=None) -> None:
    """Progress on stderr (stdout keeps only ``name: value`` lines)."""
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {what}", file=sys.stderr, flush=True)
    if SHOTS and page is not None:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        name = re.sub(r"\W+", "-", what)[:40]
        page.screenshot(path=str(Path(SHOTS) / f"{time.perf_counter() - _STARTED:07.1f}-{name}.png"), full_page=True)


# The page's progress line, "#1 Adam: finished · epoch 5/5 · batch 100/100 · 7.2 s elapsed" (a JavaScript string
# literal; the label is put in front): its status word, batch and seconds elapsed.
PROGRESS_PATTERN = r"""': (\\S+) · epoch \\d+/\\d+ · batch (\\d+)/\\d+ · ([\\d.]+) s elapsed'"""

PROGRESS_JS = """(label) => {
  const text = document.body ? document.body.innerText : '';
  const re = new RegExp(label + """ + PROGRESS_PATTERN + """);
  const m = text.match(re);
  return m ? [m[1], parseInt(m[2]), parseFloat(m[3])] : null;
}"""


# Whether the live chart draws a point yet: a curve's line or an epoch's dot, not a legend's symbol (the empty
# panels drawn before the first points have none).
POINTS_JS = """() => document.querySelector('[data-testid="stVegaLiteChart"] .mark-symbol.role-mark path') !== null ||
  Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] .mark-line.role-mark path'))
    .some(line => (line.getAttribute('d') || '').includes('L'))"""


# Installed in a tab before Train is clicked: notes, in the page's own clock (Date.now(), the same clock as
# Python's time.time() on this machine), when Train was clicked, when the chart first drew a point and when the
# run's progress line first said it ended. Each moment is taken after the next paint (a requestAnimationFrame,
# then a task), so it is when the learner could see it. It looks only when the page changes (a MutationObserver,
# textContent: no layout), so the benchmark does not load the browser it measures; Python reads the notes
# every quarter second.
WATCH_JS = """(label) => {
  const re = new RegExp(label + """ + PROGRESS_PATTERN + """);
  const seen = window.__benchSeen = {clicked: null, first: null, ended: null, status: null, elapsed: null, line: null};
  const painted = (name) => requestAnimationFrame(() => setTimeout(() => { if (seen[name] === null) seen[name] = Date.now(); }));
  let firstAsked = false, endAsked = false;
  const look = () => {
    if (seen.clicked === null) return;
    if (!firstAsked && (""" + POINTS_JS + """)()) { firstAsked = true; painted('first'); }
    const m = document.body.textContent.match(re);
    if (m && !endAsked && ['finished', 'failed', 'diverged', 'stopped'].includes(m[1])) {
      endAsked = true; seen.status = m[1]; seen.elapsed = parseFloat(m[3]); seen.line = m[0]; painted('ended');
    }
  };
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (button && button.innerText.trim() === 'Train' && seen.clicked === null) seen.clicked = Date.now();
  }, true);
  new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
}"""


def watch(page, label: str = "#1 Adam") -> None:
    """Starts noting the moments ``WATCH_JS`` records in ``page`` (call before clicking Train)."""
    page.evaluate(WATCH_JS, re.escape(label))


def watched(page) -> dict:
    """What ``watch`` has noted so far: ``clicked``, ``first``, ``ended`` (ms since the epoch, or None),
    ``status`` and ``elapsed`` (the seconds the page showed at the end)."""
    return page.evaluate("() => window.__benchSeen")


def progress(page, label: str = "#1 Adam") -> tuple[str, int, float] | None:
    """The (status word, batch, seconds elapsed) of the run ``label`` as the page shows it, or None."""
    from playwright.sync_api import Error

    try:
        found = page.evaluate(PROGRESS_JS, re.escape(label))
    except Error:
        return None
    return (found[0], found[1], found[2]) if found else None


def wait_idle(page) -> None:
    from tests.helpers import wait_for_app

    wait_for_app(page, TIMEOUT_MS)


def set_slider(page, label: str, value: int) -> int:
    """Moves a Streamlit slider with the keyboard until it shows ``value`` (or its nearest end); returns it."""
    slider = page.get_by_test_id("stSlider").filter(has_text=label).first
    thumb = slider.locator('input[type="range"]').first
    thumb.wait_for(state="attached", timeout=TIMEOUT_MS)

    def read() -> tuple[int, int, int, int]:
        found = thumb.evaluate("e => [e.value, e.min, e.max, e.step]")
        return tuple(int(float(item)) for item in found)

    for _ in range(3):
        current, minimum, maximum, step = read()
        target = min(max(value, minimum), maximum)
        if current == target:
            return current
        thumb.focus()
        if target == maximum:
            thumb.press("End")
        elif target == minimum:
            thumb.press("Home")
        else:
            key = "ArrowRight" if target > current else "ArrowLeft"
            for _ in range(abs(target - current) // max(step, 1)):
                thumb.press(key)
        page.wait_for_timeout(800)
        wait_idle(page)
    return read()[0]


def selectbox_value(page, label: str) -> str:
    """The chosen option of a Streamlit selectbox (its combobox input holds it)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    return box.locator("input").first.input_value()


def prepare_tab(browser, url: str, epochs: int, samples: int):
    """Opens a fresh session on the Train page with the benchmark's settings; returns (context, page, samples)."""
    say("opening a tab on the Train page")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/train")  # Each page has its own path (the navigation link's name includes its icon).
    wait_idle(page)
    say("page loaded", page)
    page.get_by_role("button", name="Train", exact=True).wait_for()
    wait_idle(page)
    # Runs are kept on disk and come back in every new session: clear them, so this session's run is "#1 Adam".
    say("on Train", page)
    clear = page.get_by_role("button", name="Clear runs", exact=True)
    if clear.count() and clear.is_enabled():
        clear.click()
        page.wait_for_timeout(500)
        wait_idle(page)
    # A preset from the notes (the model source defaults to the Build page's model when there is one).
    page.get_by_text("A preset from the course notes", exact=True).click()
    wait_idle(page)
    # The preset (picking it also picks its dataset, MNIST).
    say("runs cleared", page)
    page.get_by_test_id("stSelectbox").filter(has_text="Preset").first.click()
    page.get_by_role("option", name=PRESET_TITLE).click()
    # The dataset loads in its own step: wait until the page describes MNIST (not the previous dataset).
    page.wait_for_function("() => document.body.innerText.includes('input shape (28, 28, 1)')"
                           " && !document.body.innerText.includes('Loading ')", timeout=TIMEOUT_MS)
    wait_idle(page)
    chosen = {name: selectbox_value(page, name) for name in ("Preset", "Dataset")}
    if chosen["Preset"] != PRESET_TITLE or not chosen["Dataset"].startswith("MNIST "):
        raise RuntimeError(f"the Train page did not take the preset and its dataset: {chosen}")
    say("preset chosen", page)
    used = set_slider(page, "Training samples used", samples)
    say("samples set", page)
    epochs_box = page.get_by_label("Epochs", exact=True)
    epochs_box.fill(str(epochs))
    epochs_box.press("Enter")
    page.wait_for_timeout(500)
    wait_idle(page)
    # The page proposes a batch size per dataset (64 for MNIST): move its select-slider to 32 with the keyboard.
    say("epochs set", page)
    batch = page.get_by_test_id("stSlider").filter(has_text="Batch size").first
    thumb = batch.get_by_role("slider").first
    for _ in range(8):
        shown = thumb.get_attribute("aria-valuetext") or thumb.inner_text()
        if shown.strip() == "32":
            break
        thumb.focus()
        thumb.press("ArrowLeft" if int(shown.strip() or 0) > 32 else "ArrowRight")
        page.wait_for_timeout(600)
        wait_idle(page)
    else:
        raise RuntimeError(f"batch size could not be set to 32: {batch.inner_text()!r}")
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled(timeout=TIMEOUT_MS)
    say(f"tab ready ({used} samples)")
    return context, page, used


def click_train(page) -> float:
    say("Train clicked")
    page.get_by_role("button", name="Train", exact=True).click()
    return time.perf_counter()


def ended(page, epochs: int | None = None) -> tuple[float, float | None, float] | None:
    """The watched run's (seconds click -> finished shown, seconds click -> first point drawn, seconds elapsed the
    page showed), or None while it trains. Raises when it ended otherwise than finished, or (given ``epochs``)
    when its line does not say it trained that many epochs: the app trained something else than the tab shows."""
    seen = watched(page)
    if not seen or seen["ended"] is None:
        return None
    if seen["status"] != "finished":
        raise RuntimeError(f"the app run ended {seen['status']}")
    if epochs is not None and f" · epoch {epochs}/{epochs} · " not in seen["line"]:
        raise RuntimeError(f"the app trained something else than the tab was set to ({epochs} epochs): {seen['line']}")
    first = (seen["first"] - seen["clicked"]) / 1000 if seen["first"] is not None else None
    return (seen["ended"] - seen["clicked"]) / 1000, first, seen["elapsed"]


def wait_finished(page, label: str = "#1 Adam", epochs: int | None = None) -> tuple[float, float | None, float]:
    """Clicks Train in a tab ready for it and waits until the run says finished (``epochs``: see ``ended``).

    Returns:
        Seconds to finished, seconds to the chart's first points, and the seconds elapsed the page shows at the end
        (the server-side record's running -> finished, models home included), as ``ended`` reads them.
    """
    watch(page, label)
    clicked = click_train(page)
    while time.perf_counter() < clicked + RUN_TIMEOUT_S:
        page.wait_for_timeout(250)
        found = ended(page, epochs)
        if found is not None:
            return found
    raise TimeoutError("the app run did not finish in time")
