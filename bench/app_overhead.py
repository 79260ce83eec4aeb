"""What the whole app costs on top of a bare ``model.fit``: real server, real Dask workers, real browser.

Everything runs on this machine; on a shared machine every figure is noisy (run it twice and compare).
Prints ``name: value`` lines:

- ``bare_fit_seconds``: a bare build + compile + ``model.fit(verbose=0)`` of the ``mnist_cnn`` preset on the
  same data the app trains on (MNIST, ``--samples`` training samples chosen as the Train page chooses them,
  validation split 0.2, batch size 32, Adam 0.001, sparse_categorical_crossentropy, ``--epochs`` epochs),
  timed inside a child process in which TensorFlow is already imported and one tiny fit already ran (as the
  app's Dask workers are warmed by ``cluster.WarmUp``); the median of ``--bare-repeats`` fits, one process
  each. The app additionally evaluates on up to 1,000 test samples and ships the model home as ``.keras``
  bytes; those costs are part of the app side, not the bare side.
- ``app_run_seconds``: in the real app (``python -m streamlit run`` with ``streamlit_command``) and a real
  headless Chromium driven by Playwright: on the Train page, preset "MNIST CNN", dataset MNIST, the
  samples slider set to ``--samples``, the ``--epochs`` epochs, batch size 32; time from clicking Train until the
  page's progress text says "finished" (the live chart is on screen all along). A full warm-up run in another
  tab precedes it, so the worker pool is warm and has traced nothing of this model yet either (a new model
  is traced again on every run, exactly as in the bare fit). The page's progress line is redrawn every 2 s
  (``playground_app.train.live.PROGRESS_SECONDS``), so this has ~2 s resolution — what the learner sees. ``app_elapsed_shown_seconds`` is the "s elapsed" the page shows at the end (the
  server-side record from running to finished, evaluation and model transfer included; queueing, job
  submission and the last redraw excluded).
- ``app_overhead_ratio_1``: ``app_run_seconds / bare_fit_seconds``.
- ``first_point_seconds``: the same run, from clicking Train until the live chart appears (the tab cleared its
  runs, so there is no chart before the run's first points).
- ``app_overhead_ratio_3``: three browser contexts (three separate sessions) press Train one right after
  the other (clicks ~tens of ms apart); the slowest click -> "finished" divided by the wall time of three bare
  fits run at once as three child processes (first start to last end). The embedded cluster has one worker
  per core, so on a 2-core machine the third app run waits for a free worker while the three bare fits
  share the cores: this ratio measures what learners see, not per-fit efficiency.
- ``server_cpu_share`` / ``worker_cpu_share`` / ``browser_cpu_share``: CPU seconds per wall second (1.0 = one
  core) of the Streamlit server process alone (its threads included, its Dask worker child processes not),
  of those worker processes (the training itself, for reference), and of all Chromium processes (the
  Playwright browser's process tree), while one tab watches a live chart of a long run for
  ``--watch-seconds`` (read from ``/proc/<pid>/stat`` utime + stime).
- ``stop_latency_batches``: measured by a direct engine call (``playground.engine.runner.submit`` +
  ``handle.stop()`` from this process, on its own embedded cluster, after the app server is gone; the browser
  cannot see the run's events): batches trained after Stop, i.e. the ``stopped`` event's value minus the batch
  count the server-side record showed when Stop was pressed (what the learner saw). Also
  ``stop_after_seen_batches`` (``stopped`` minus ``stop_seen``: batches the worker trained after it noticed Stop)
  and ``stop_seconds`` (Stop pressed -> handle done, model home).

Usage: ``python bench/app_overhead.py [--epochs 5] [--samples 4000] [--quick]`` from the repository root.
``--quick`` is a smoke run (1 epoch, 1,024 samples, 4 s watch). Needs Chromium at ``$PLAYGROUND_CHROMIUM``
(default ``/usr/bin/chromium``) and the ``playwright`` Python package; never runs ``playwright install``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PRESET = "mnist_cnn"
PRESET_TITLE = "MNIST CNN (two conv blocks)"
DATASET = "mnist"
BATCH_SIZE = 32
VALIDATION_SPLIT = 0.2
TEST_SAMPLES = 1000  # What the Train page keeps of the test part (DEFAULT_TEST_SAMPLES).
CHROMIUM = os.environ.get("PLAYGROUND_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 180_000
RUN_TIMEOUT_S = 1_800.0
_STARTED = time.perf_counter()


_SHOTS = os.environ.get("BENCH_SCREENSHOTS")  # A folder: a screenshot of the page at each step (debugging).


def _say(what: str, page=None) -> None:
    """Progress on stderr (stdout keeps only ``name: value`` lines)."""
    print(f"[{time.perf_counter() - _STARTED:7.1f} s] {what}", file=sys.stderr, flush=True)
    if _SHOTS and page is not None:
        Path(_SHOTS).mkdir(parents=True, exist_ok=True)
        name = re.sub(r"\W+", "-", what)[:40]
        page.screenshot(path=str(Path(_SHOTS) / f"{time.perf_counter() - _STARTED:07.1f}-{name}.png"), full_page=True)


# ---------------------------------------------------------------- the bare side (child processes)

def _app_data(samples: int):
    """The training data exactly as the Train page chooses it (``setup.choose_data``)."""
    from playground.data.registry import load, subsample

    dataset = load(DATASET, allow_download=False)
    if samples >= len(dataset.y_train) and len(dataset.y_test) <= TEST_SAMPLES:
        return dataset
    return subsample(dataset, samples, min(len(dataset.y_test), TEST_SAMPLES))


def _bare_child(epochs: int, samples: int) -> None:
    """Imports TF, prepares the data, warms up like a worker, says ready; on 'go' times build+compile+fit."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import numpy as np

    from playground.engine.optimizers import make_optimizer
    from playground.spec import build_model, tasks
    from playground.spec.presets import PRESETS

    dataset = _app_data(samples)
    warm = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, activation="softmax")])
    warm.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    warm.fit(np.zeros((8, 2), "float32"), np.zeros(8, "int64"), epochs=1, verbose=0)
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.time()
    model = build_model(PRESETS[PRESET])
    x = tasks.fit_inputs(np.asarray(dataset.x_train), tuple(model.input_shape[1:]))
    model.compile(optimizer=make_optimizer("Adam", 0.001), loss="sparse_categorical_crossentropy",
                  metrics=tasks.metrics_for(dataset.task))
    model.fit(x, np.asarray(dataset.y_train), batch_size=BATCH_SIZE, epochs=epochs,
              validation_split=VALIDATION_SPLIT, verbose=0)
    end = time.time()
    print(json.dumps({"start": start, "end": end, "samples": int(len(dataset.y_train))}), flush=True)


def bare_fits(count: int, epochs: int, samples: int) -> tuple[float, list[float]]:
    """Runs ``count`` bare fits at once in child processes; returns (wall of all, each one's seconds)."""
    children = [subprocess.Popen([sys.executable, __file__, "--bare-child", "--epochs", str(epochs),
                                  "--samples", str(samples)], cwd=ROOT, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True) for _ in range(count)]
    try:
        for child in children:
            line = child.stdout.readline().strip()
            if line != "ready":
                raise RuntimeError(f"bare child did not get ready (said {line!r}, code {child.poll()})")
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = []
        for child in children:
            line = child.stdout.readline().strip()
            if not line:
                raise RuntimeError(f"bare child failed (code {child.wait(timeout=60)})")
            results.append(json.loads(line))
            child.wait(timeout=120)
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    return wall, [r["end"] - r["start"] for r in results]


# ---------------------------------------------------------------- the app side (browser)

PROGRESS_JS = """(label) => {
  const text = document.body ? document.body.innerText : '';
  const re = new RegExp(label + ': (\\\\S+) · epoch \\\\d+/\\\\d+ · batch (\\\\d+)/\\\\d+ · ([\\\\d.]+) s elapsed');
  const m = text.match(re);
  return m ? [m[1], parseInt(m[2]), parseFloat(m[3])] : null;
}"""


def _progress(page, label: str = "#1 Adam") -> tuple[str, int, float] | None:
    """The (status word, batch, seconds elapsed) of the run ``label`` as the page shows it, or None."""
    from playwright.sync_api import Error

    try:
        found = page.evaluate(PROGRESS_JS, re.escape(label))
    except Error:
        return None
    return (found[0], found[1], found[2]) if found else None


def _wait_idle(page) -> None:
    from tests.helpers import wait_for_app

    wait_for_app(page, TIMEOUT_MS)


def _set_slider(page, label: str, value: int) -> int:
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
        _wait_idle(page)
    return read()[0]


def _selectbox_value(page, label: str) -> str:
    """The chosen option of a Streamlit selectbox (its combobox input holds it)."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    return box.locator("input").first.input_value()


def prepare_tab(browser, url: str, epochs: int, samples: int):
    """Opens a fresh session on the Train page with the benchmark's settings; returns (context, page, samples)."""
    _say("opening a tab on the Train page")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{url}/train")  # Each page has its own path (the navigation link's name includes its icon).
    _wait_idle(page)
    _say("page loaded", page)
    page.get_by_role("button", name="Train", exact=True).wait_for()
    _wait_idle(page)
    # Runs are kept on disk and come back in every new session: clear them, so this session's run is "#1 Adam".
    _say("on Train", page)
    clear = page.get_by_role("button", name="Clear runs", exact=True)
    if clear.count() and clear.is_enabled():
        clear.click()
        page.wait_for_timeout(500)
        _wait_idle(page)
    # A preset from the notes (the model source defaults to the Build page's model when there is one).
    page.get_by_text("A preset from the course notes", exact=True).click()
    _wait_idle(page)
    # The preset (picking it also picks its dataset, MNIST).
    _say("runs cleared", page)
    page.get_by_test_id("stSelectbox").filter(has_text="Preset").first.click()
    page.get_by_role("option", name=PRESET_TITLE).click()
    # The dataset loads in its own step: wait until the page describes MNIST (not the previous dataset).
    page.wait_for_function("() => document.body.innerText.includes('input shape (28, 28, 1)')"
                           " && !document.body.innerText.includes('Loading ')", timeout=TIMEOUT_MS)
    _wait_idle(page)
    chosen = {name: _selectbox_value(page, name) for name in ("Preset", "Dataset")}
    if chosen["Preset"] != PRESET_TITLE or not chosen["Dataset"].startswith("MNIST "):
        raise RuntimeError(f"the Train page did not take the preset and its dataset: {chosen}")
    _say("preset chosen", page)
    used = _set_slider(page, "Training samples used", samples)
    _say("samples set", page)
    epochs_box = page.get_by_label("Epochs", exact=True)
    epochs_box.fill(str(epochs))
    epochs_box.press("Enter")
    page.wait_for_timeout(500)
    _wait_idle(page)
    # The page proposes a batch size per dataset (64 for MNIST): move its select-slider to 32 with the keyboard.
    _say("epochs set", page)
    batch = page.get_by_test_id("stSlider").filter(has_text="Batch size").first
    thumb = batch.get_by_role("slider").first
    for _ in range(8):
        shown = thumb.get_attribute("aria-valuetext") or thumb.inner_text()
        if shown.strip() == "32":
            break
        thumb.focus()
        thumb.press("ArrowLeft" if int(shown.strip() or 0) > 32 else "ArrowRight")
        page.wait_for_timeout(600)
        _wait_idle(page)
    else:
        raise RuntimeError(f"batch size could not be set to 32: {batch.inner_text()!r}")
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Train", exact=True)).to_be_enabled(timeout=TIMEOUT_MS)
    _say(f"tab ready ({used} samples)")
    return context, page, used


def click_train(page) -> float:
    _say("Train clicked")
    page.get_by_role("button", name="Train", exact=True).click()
    return time.perf_counter()


def wait_finished(page, clicked: float, label: str = "#1 Adam") -> tuple[float, float | None, float]:
    """Polls the page until the run says finished.

    Returns:
        Seconds to finished, seconds to the chart's first points, and the seconds elapsed the page shows at the end
        (the server-side record's running -> finished, models home included).
    """
    first = None
    deadline = clicked + RUN_TIMEOUT_S
    while time.perf_counter() < deadline:
        progress = _progress(page, label)
        now = time.perf_counter()
        if first is None and page.locator('[data-testid="stPlotlyChart"]').count():
            first = now - clicked  # The live chart appears with the run's first points.
        if progress:
            status, batch, elapsed = progress
            if status == "finished":
                return now - clicked, first, elapsed
            if status in ("failed", "diverged", "stopped"):
                raise RuntimeError(f"the app run ended {status}")
        page.wait_for_timeout(50)
    raise TimeoutError("the app run did not finish in time")


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_of(pids: list[int]) -> dict[int, float]:
    times = {}
    for pid in pids:
        try:
            times[pid] = _cpu_seconds(pid)
        except OSError:
            pass
    return times


def _chromium_pids() -> list[int]:
    import psutil

    pids = []
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" in process.name().lower() or "chrom" in " ".join(process.cmdline()[:1]).lower():
                pids.append(process.pid)
        except psutil.Error:
            pass
    return pids


def _server_pid_and_workers(port: int) -> tuple[int, list[int]]:
    import psutil

    for process in psutil.Process().children(recursive=False):
        try:
            if "streamlit" in " ".join(process.cmdline()) and str(port) in " ".join(process.cmdline()):
                return process.pid, [child.pid for child in process.children(recursive=True)]
        except psutil.Error:
            pass
    raise RuntimeError("the Streamlit server process was not found")


def cpu_shares(browser, url: str, samples: int, seconds: float) -> dict[str, float]:
    """One tab watches a long run's live chart for ``seconds``; CPU share of server, workers, Chromium."""
    port = int(url.rsplit(":", 1)[1])
    context, page, _ = prepare_tab(browser, url, 200, samples)
    try:
        clicked = click_train(page)
        while time.perf_counter() - clicked < RUN_TIMEOUT_S:
            progress = _progress(page)
            if progress and progress[1] > 0:
                break
            page.wait_for_timeout(100)
        page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
        server, workers = _server_pid_and_workers(port)
        chromium = _chromium_pids()
        before = {"server": _cpu_of([server]), "worker": _cpu_of(workers), "browser": _cpu_of(chromium)}
        start = time.perf_counter()
        page.wait_for_timeout(seconds * 1000)  # Playwright keeps serving the page's events meanwhile.
        wall = time.perf_counter() - start
        after = {"server": _cpu_of([server]), "worker": _cpu_of(workers), "browser": _cpu_of(_chromium_pids())}
        shares = {}
        for name in before:
            used = sum(value - before[name].get(pid, 0.0) for pid, value in after[name].items())
            shares[name] = used / wall
        page.get_by_role("button", name="Stop", exact=True).click()
        page.get_by_text("stopped ·").first.wait_for()
        return shares
    finally:
        context.close()


def cpu_only(samples: int, watch_seconds: float) -> dict[str, float]:
    """Only the CPU shares (``--only cpu``): a quick loop while making the live view cheaper."""
    from playwright.sync_api import sync_playwright

    from tests.conftest import serve_app

    with serve_app("bench-app-overhead.log") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            return cpu_shares(browser, url, samples, watch_seconds)
        finally:
            browser.close()


def app_side(epochs: int, samples: int, watch_seconds: float) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from tests.conftest import serve_app

    figures: dict[str, float] = {}
    with serve_app("bench-app-overhead.log") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            # Warm-up: starts the embedded cluster, imports everything the page needs, loads MNIST.
            context, page, used = prepare_tab(browser, url, epochs, samples)
            wait_finished(page, click_train(page))
            context.close()
            figures["samples_used"] = used

            context, page, _ = prepare_tab(browser, url, epochs, samples)
            seconds, first, elapsed = wait_finished(page, click_train(page))
            page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
            context.close()
            figures["app_run_seconds"] = seconds
            figures["app_elapsed_shown_seconds"] = elapsed
            figures["first_point_seconds"] = first if first is not None else float("nan")

            tabs = [prepare_tab(browser, url, epochs, samples) for _ in range(3)]
            clicks = [click_train(page) for _, page, _ in tabs]
            finished: dict[int, float] = {}
            deadline = time.perf_counter() + RUN_TIMEOUT_S
            while len(finished) < 3 and time.perf_counter() < deadline:
                for index, (_, page, _) in enumerate(tabs):
                    if index in finished:
                        continue
                    progress = _progress(page)
                    if progress and progress[0] == "finished":
                        finished[index] = time.perf_counter() - clicks[index]
                    elif progress and progress[0] in ("failed", "diverged", "stopped"):
                        raise RuntimeError(f"a concurrent app run ended {progress[0]}")
                tabs[0][1].wait_for_timeout(100)
                if _SHOTS and int(time.perf_counter() - clicks[0]) % 30 == 0:
                    for index, (_, page, _) in enumerate(tabs):
                        _say(f"tab {index + 1} of 3 {_progress(page)}", page)
            if len(finished) < 3:
                raise TimeoutError("the three concurrent app runs did not all finish in time")
            for context, _, _ in tabs:
                context.close()
            figures["app_slowest_of_3_seconds"] = max(finished.values())
            figures["app_fastest_of_3_seconds"] = min(finished.values())
            figures["click_spread_of_3_seconds"] = clicks[-1] - clicks[0]

            shares = cpu_shares(browser, url, samples, watch_seconds)
            figures["server_cpu_share"] = shares["server"]
            figures["worker_cpu_share"] = shares["worker"]
            figures["browser_cpu_share"] = shares["browser"]
        finally:
            browser.close()
    return figures


# ---------------------------------------------------------------- Stop, through the engine directly

def stop_latency(samples: int) -> dict[str, float]:
    """Submits a long fit to an embedded cluster in this process, presses Stop mid-run, reads the events."""
    from playground.engine import cluster, runner
    from playground.engine.jobs import FitJob
    from playground.engine.runs import RunConfig
    from playground.spec.presets import PRESETS

    dataset = _app_data(samples)
    config = RunConfig(label="#1 Adam", spec=PRESETS[PRESET], dataset=dataset.name,
                       loss="sparse_categorical_crossentropy", optimizer="Adam", learning_rate=0.001,
                       batch_size=BATCH_SIZE, epochs=200, validation_split=VALIDATION_SPLIT)
    try:
        handle = runner.submit(FitJob(config), dataset)
        run = handle.runs[0]
        deadline = time.monotonic() + RUN_TIMEOUT_S
        def shown() -> int:  # Batches the server-side record (what the page draws) has seen trained.
            snapshot = run.snapshot()
            return snapshot.epoch * (snapshot.steps_per_epoch or 0) + snapshot.batch

        while shown() < 30:
            if time.monotonic() > deadline or handle.done.is_set():
                raise RuntimeError("the engine run did not get going")
            time.sleep(0.05)
        pressed_at = shown()
        pressed = time.perf_counter()
        handle.stop()
        if not handle.done.wait(300):
            raise TimeoutError("the engine run did not stop")
        stop_seconds = time.perf_counter() - pressed
        events = {event.kind: event.value for event in run.snapshot().events}
        if "stopped" not in events or "stop_seen" not in events:
            raise RuntimeError(f"stop events missing: {sorted(events)} (status {run.status})")
        return {"stop_latency_batches": events["stopped"] - pressed_at,
                "stop_after_seen_batches": events["stopped"] - events["stop_seen"],
                "stop_seconds": stop_seconds}
    finally:
        cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run (default 5; 1 with --quick)")
    parser.add_argument("--samples", type=int, default=None, help="training samples (default 4000; 1024 with --quick)")
    parser.add_argument("--watch-seconds", type=float, default=None, help="CPU-share window (default 10; 4 with --quick)")
    parser.add_argument("--bare-repeats", type=int, default=3, help="single bare fits (median taken; default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer epochs and samples")
    parser.add_argument("--only", choices=("cpu",), help="measure only this part (cpu: the live view's CPU shares)")
    parser.add_argument("--bare-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    epochs = arguments.epochs or (1 if arguments.quick else 5)
    samples = arguments.samples or (1024 if arguments.quick else 4000)
    watch = arguments.watch_seconds or (4.0 if arguments.quick else 10.0)
    if arguments.bare_child:
        _bare_child(epochs, samples)
        return
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"Chromium not found at {CHROMIUM} (set PLAYGROUND_CHROMIUM); this benchmark needs a real browser.")
    try:
        import playwright.sync_api  # noqa: F401
        import psutil  # noqa: F401
    except ImportError as error:
        sys.exit(f"this benchmark needs the playwright and psutil packages: {error}")

    if arguments.only == "cpu":
        shares = cpu_only(samples, watch)
        for name in ("server", "worker", "browser"):
            print(f"{name}_cpu_share: {shares[name]:.3f}", flush=True)
        return
    print(f"epochs: {epochs}", flush=True)
    print(f"batch_size: {BATCH_SIZE}", flush=True)
    print(f"cores: {os.cpu_count()}", flush=True)
    singles = [bare_fits(1, epochs, samples)[0] for _ in range(arguments.bare_repeats)]
    bare_1 = statistics.median(singles)
    print(f"bare_fit_seconds: {bare_1:.2f}", flush=True)
    print(f"bare_fit_each_seconds: {', '.join(f'{value:.2f}' for value in singles)}", flush=True)
    bare_3, each = bare_fits(3, epochs, samples)
    print(f"bare_3_at_once_wall_seconds: {bare_3:.2f}", flush=True)
    print(f"bare_3_at_once_each_seconds: {', '.join(f'{value:.2f}' for value in each)}", flush=True)
    app = app_side(epochs, samples, watch)
    print(f"samples_used: {int(app['samples_used'])}")
    print(f"app_run_seconds: {app['app_run_seconds']:.2f}")
    print(f"app_elapsed_shown_seconds: {app['app_elapsed_shown_seconds']:.2f}")
    print(f"app_overhead_ratio_1: {app['app_run_seconds'] / bare_1:.3f}")
    print(f"first_point_seconds: {app['first_point_seconds']:.2f}")
    print(f"app_slowest_of_3_seconds: {app['app_slowest_of_3_seconds']:.2f}")
    print(f"app_fastest_of_3_seconds: {app['app_fastest_of_3_seconds']:.2f}")
    print(f"click_spread_of_3_seconds: {app['click_spread_of_3_seconds']:.3f}")
    print(f"app_overhead_ratio_3: {app['app_slowest_of_3_seconds'] / bare_3:.3f}")
    print(f"server_cpu_share: {app['server_cpu_share']:.3f}")
    print(f"worker_cpu_share: {app['worker_cpu_share']:.3f}")
    print(f"browser_cpu_share: {app['browser_cpu_share']:.3f}", flush=True)
    stop = stop_latency(samples)
    print(f"stop_latency_batches: {stop['stop_latency_batches']:.0f}")
    print(f"stop_after_seen_batches: {stop['stop_after_seen_batches']:.0f}")
    print(f"stop_seconds: {stop['stop_seconds']:.2f}")


if __name__ == "__main__":
    main()
