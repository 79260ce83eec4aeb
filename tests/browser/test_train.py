"""Browser: live training on the Train page — the chart moves while fit runs, and Stop ends it."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def _open_train_page(page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page, 120_000)
    # The app's own navigation (from st.navigation in app.py) names pages "Convolution lab" etc.
    navigation = page.get_by_test_id("stSidebarNav")
    navigation.get_by_role("link", name="Convolution lab", exact=True).wait_for(timeout=120_000)
    navigation.get_by_role("link", name="Train", exact=True).click()
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=120_000)
    wait_for_app(page, 120_000)


def _set_epochs(page, epochs: int) -> None:
    box = page.get_by_label("Epochs", exact=True)
    box.fill(str(epochs))
    box.press("Enter")
    wait_for_app(page, 60_000)


def _click_train(page):
    """Clicks Train; returns the locator of the click's own run's "finished" line.

    Runs kept in the workspace by earlier tests show their "finished" line until the click's run reaches the page (on
    a loaded machine, seconds later), so the line looked for is this run's, by its number: one more than the newest's.
    """
    import re

    shown = page.locator('[data-testid="stProgress"]').all_inner_texts()
    number = 1 + max((int(found) for text in shown for found in re.findall(r"#(\d+) ", text)), default=0)
    page.get_by_role("button", name="Train", exact=True).click()
    return page.get_by_text(re.compile(rf"^#{number} [^:]+: finished ·")).first


def _train(page) -> str:
    """Clicks Train and waits until the click's own run has finished; returns its label ("#4 Adam")."""
    finished = _click_train(page)
    finished.wait_for(timeout=180_000)
    return finished.inner_text().split(":")[0]


def _listen(page) -> list[tuple[str, tuple[str, ...]]]:
    """Notes what the server sends the page from now on: per message, its kind ("delta", "new_session",
    "script_finished"…) and the fragments the run it belongs to reruns (none: a run of the whole page)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    sent: list[tuple[str, tuple[str, ...]]] = []

    def watch(socket) -> None:
        def received(payload) -> None:
            if isinstance(payload, bytes):
                message = ForwardMsg()
                message.ParseFromString(payload)
                sent.append((message.WhichOneof("type"), tuple(message.metadata.run.fragment_ids)))

        socket.on("framereceived", received)

    page.on("websocket", watch)
    return sent


def _kinds(sent: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    return [kind for kind, _ in sent]


def _wait_for_the_run_to_end(page, sent: list[tuple[str, tuple[str, ...]]]) -> None:
    """Waits until the run a change started has ended (the server said so, and the page is idle)."""
    for _ in range(100):
        if "script_finished" in _kinds(sent):
            break
        page.wait_for_timeout(100)
    wait_for_app(page, 60_000)


def _chart_picture(page, name: str) -> bytes:
    """Screenshots the loss chart; the fragment replaces it every second, so retry a detached element."""
    from playwright.sync_api import Error

    for _ in range(10):
        try:
            return page.locator('[data-testid="stVegaLiteChart"]').first.screenshot(path=str(ARTIFACTS / name),
                                                                                 timeout=5_000)
        except Error:
            page.wait_for_timeout(300)
    raise AssertionError("the loss chart could not be captured")


def test_chart_moves_while_training_and_stop_ends_it(page, app_url):
    """Starts a long iris training, sees the loss chart change between two screenshots, presses Stop."""
    _open_train_page(page, app_url)
    _set_epochs(page, 200)
    page.get_by_role("button", name="Train", exact=True).click()
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    page.get_by_text("training ·").first.wait_for(timeout=120_000)
    chart.wait_for(timeout=120_000)
    page.wait_for_timeout(2_000)
    ARTIFACTS.mkdir(exist_ok=True)
    first = _chart_picture(page, "train-chart-1.png")
    second = first
    for _ in range(15):  # The chart redraws every second; on a loaded machine give it a few tries.
        page.wait_for_timeout(2_000)
        second = _chart_picture(page, "train-chart-2.png")
        if second != first:
            break
    assert first != second, "the live chart did not change while training"
    assert page.get_by_text("training ·").count() >= 1, "training ended before Stop could be tested"
    # The progress bar jumps to each new value: a glide after every redraw kept the browser animating the page.
    durations = page.locator('[data-testid="stProgress"] *').evaluate_all(
        "elements => elements.map(element => getComputedStyle(element).transitionDuration)")
    assert durations and set(durations) == {"0s"}, f"the progress bar still glides: {sorted(set(durations))}"
    page.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_text("stopped ·").first.wait_for(timeout=60_000)
    page.get_by_text("Test set").first.wait_for(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "train-stopped.png"), full_page=True)


def test_upload_refuses_a_lambda_model_and_accepts_a_plain_one(page, app_url, tmp_path):
    """Uploads a .keras with a Lambda layer (refused, in plain words), then a plain model (loaded, trainable)."""
    import keras

    lambda_path = tmp_path / "with_lambda.keras"
    keras.Sequential([keras.Input((4,)), keras.layers.Lambda(lambda value: value * 2),
                      keras.layers.Dense(3, activation="softmax")]).save(lambda_path)
    plain_path = tmp_path / "plain.keras"
    keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                      keras.layers.Dense(3, activation="softmax")]).save(plain_path)

    _open_train_page(page, app_url)
    page.get_by_text("Upload a .keras model to continue training").click()
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]').first
    uploader.set_input_files(str(lambda_path))
    page.get_by_text("Lambda layer").first.wait_for(timeout=60_000)
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Train", exact=True)).to_be_disabled(timeout=60_000)

    uploader.set_input_files(str(plain_path))
    page.get_by_text("Training continues from its weights").first.wait_for(timeout=60_000)
    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "train-upload.png"), full_page=True)


def test_a_click_before_the_options_are_ready_trains_and_keeps_what_the_page_proposed(page, app_url):
    """On a slow first load the number boxes and sliders appear after the Train button (their code comes later). A
    Train click meanwhile reached the server without their values; the next run drew them at their minimum (batch
    size 8, 1 epoch, learning rate 0.0001) and the learner's next training would use those."""
    import re

    held, holding = [], [True]
    late = re.compile(r"/static/js/(Slider|NumberInput)\.[^/]*\.js$")
    page.route(late, lambda route: held.append(route) if holding[0] else route.continue_())
    page.goto(f"{app_url}/train")
    page.wait_for_function("() => [...document.querySelectorAll('button')].some(b => b.innerText.trim() === 'Train'"
                           " && !b.disabled)", timeout=120_000)
    wait_for_app(page, 120_000)  # The page has drawn what it shows (its newest run's line); the options' code is held.
    finished = _click_train(page)
    page.wait_for_timeout(1_500)
    assert held, "the options' code was not held back: this test no longer reproduces a slow first load"
    holding[0] = False
    for route in held:
        route.continue_()
    finished.wait_for(timeout=180_000)
    wait_for_app(page, 60_000)
    # The iris preset's proposal (playground.data.registry: 20 epochs, Adam 0.01, batch 16), as the page showed it.
    assert page.get_by_label("Epochs", exact=True).input_value() == "20"
    assert page.get_by_label("Learning rate", exact=True).input_value() == "0.01"
    assert page.get_by_test_id("stSlider").filter(has_text="Batch size").first.get_by_text("16").count()


def test_another_test_example_or_another_runs_results_redraw_the_results_not_the_whole_page(page, app_url):
    """After a run, the learner steps through test examples, and through the results of the runs: each answer comes
    from the results section alone. A run of the whole Train page, with its results, cost the browser about 0.7
    CPU-seconds per example (twice as much as the section alone), and the server the whole page's script."""
    from playwright.sync_api import expect

    sent = _listen(page)
    _open_train_page(page, app_url)
    first = _train(page)  # "#3 Adam": runs kept in the workspace by earlier tests count too.
    page.get_by_text("Predict one example").first.wait_for(timeout=60_000)
    wait_for_app(page, 60_000)
    page.wait_for_timeout(1_000)
    probabilities = page.locator('[data-testid="stVegaLiteChart"]').last
    before = probabilities.text_content()
    sent.clear()
    chooser = page.get_by_label("Test example number", exact=False).first
    chooser.fill("1")
    chooser.press("Enter")
    _wait_for_the_run_to_end(page, sent)
    elements = _kinds(sent).count("delta")
    assert "script_finished" in _kinds(sent) and 0 < elements < 20, f"the change made the server send {elements} elements"
    assert probabilities.text_content() != before, "the probabilities did not change for another example"

    _train(page)  # A second run: its results are shown.
    page.get_by_text("The true answer", exact=False).first.wait_for(timeout=60_000)  # The results have settled.
    wait_for_app(page, 60_000)
    page.wait_for_timeout(2_000)
    sent.clear()
    chooser = page.get_by_role("combobox", name="Run", exact=True)
    chooser.scroll_into_view_if_needed()  # (Scrolled by the click itself, the list closed again at once.)
    page.wait_for_timeout(500)
    chooser.click()
    page.get_by_role("option", name=first, exact=True).click()
    page.get_by_text("The true answer", exact=False).first.wait_for(timeout=60_000)
    _wait_for_the_run_to_end(page, sent)
    results = _kinds(sent).count("delta")
    assert "script_finished" in _kinds(sent) and 0 < results < 60, f"picking a run's results made the server send {results}"
    expect(page.get_by_role("combobox", name="Run", exact=True)).to_match_aria_snapshot(f'- combobox "Run": "{first}"')


def test_a_run_is_watched_in_one_chart_from_the_click_to_its_results_and_is_kept_after_a_reload(page, app_url):
    """One run as the learner watches it.

    - The click reruns the buttons and the live view alone; the whole page runs once, when the run has ended, for its
      results. A click answered by a run of the whole Train page cost the browser 0.4-0.9 CPU-seconds, taken from the
      training that had just started on the same cores.
    - The chart watched while the run trains is the chart it ends in. When the run ended, the page's run drew the chart
      outside the live fragment, and the browser threw the watched chart away and drew a new one (a zoom was lost, and
      it cost about 0.2 CPU-seconds). After the end, the redraws stop.
    - A reload (F5) shows the run, its status and its results again.
    """
    from playwright.sync_api import expect

    sent = _listen(page)
    _open_train_page(page, app_url)
    _set_epochs(page, 60)
    sent.clear()
    train = page.get_by_role("button", name="Train", exact=True)
    train.click()
    expect(train).to_be_disabled(timeout=60_000)  # Drawn busy by the click's own run.
    page.get_by_text("training ·").first.wait_for(timeout=120_000)
    # Marked once the curves are drawn (a line of two points or more).
    page.wait_for_function("""() => Array.from(document.querySelectorAll(
        '[data-testid="stVegaLiteChart"] .mark-line.role-mark path')).some(line => (line.getAttribute('d') || '').includes('L'))""",
                           timeout=120_000)
    page.evaluate("() => { window.__watched = document.querySelector('[data-testid=\"stVegaLiteChart\"] svg.marks'); }")
    label = page.get_by_text("training ·").first.inner_text().split(":")[0]
    page.get_by_text(f"{label}: finished ·").first.wait_for(timeout=180_000)
    page.get_by_text("Test set (", exact=False).first.wait_for(timeout=60_000)
    wait_for_app(page, 60_000)
    runs = [fragments for kind, fragments in sent if kind == "new_session"]
    assert runs and runs[0], "the click on Train ran the whole page"
    whole = [fragments for fragments in runs if not fragments]
    assert len(whole) == 1, f"the whole page ran {len(whole)} times for one training (once, at its end, is enough)"
    expect(train).to_be_enabled(timeout=60_000)
    assert page.evaluate("() => window.__watched.isConnected"), "the chart was drawn anew when the run ended"
    # The results' confusion matrix: a cell nothing fell into is white (the scheme's lightest blue read as a mistake).
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
        .filter(chart => chart.querySelector('.mark-rect.role-mark path'))
        .flatMap(chart => {
          const rects = Array.from(chart.querySelectorAll('.mark-rect.role-mark path'));
          const counts = Array.from(chart.querySelectorAll('.mark-text.role-mark text')).map(text => text.textContent);
          return counts.every(count => /^[0-9]+$/.test(count))
            ? rects.map((rect, index) => [counts[index], rect.getAttribute('fill'), rect.getBoundingClientRect().width]) : [];
        })""")
    assert len(cells) == 9 and any(count == "0" for count, _, _ in cells), f"iris's 3×3 matrix with empty cells: {cells}"
    assert all((fill.lower() in ("white", "#ffffff", "#fff")) == (count == "0") for count, fill, _ in cells), cells
    # Its cells are big enough to read (a 3-class matrix was squeezed into 120 pixels with its axes: 7-pixel cells).
    assert min(width for _, _, width in cells) >= 30, cells
    page.locator('[data-testid="stVegaLiteChart"]').nth(1).screenshot(path=str(ARTIFACTS / "train-confusion.png"))
    sent.clear()
    page.wait_for_timeout(5_000)  # Two redraws' time.
    assert "new_session" not in _kinds(sent), "the live view still redraws itself after the run ended"

    page.reload()
    wait_for_app(page, 120_000)
    page.get_by_role("button", name="Train", exact=True).wait_for(timeout=120_000)
    # The progress line and the results still name the run trained before the reload.
    page.get_by_text(f"{label}: finished ·").first.wait_for(timeout=60_000)
    page.get_by_text("Test set (", exact=False).first.wait_for(timeout=60_000)
