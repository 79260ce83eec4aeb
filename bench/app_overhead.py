"""What the whole app costs on top of a bare ``model.fit``: real server, real Dask workers, real browser.

Everything runs on this machine, whose speed drifts (the same bare fit took 3.6-6.4 s on one day): so each app
run is measured right after the bare fits it is compared with, a ratio is the median of those pairs' ratios,
and every pair's figure is printed too (``<name>_each``). Prints ``name: value`` lines:

- ``bare_fit_seconds``: a bare build + compile + ``model.fit(verbose=0)`` of the ``mnist_cnn`` preset on the
  same data the app trains on (MNIST, ``--samples`` training samples chosen as the Train page chooses them,
  validation split 0.2, batch size 32, Adam 0.001, sparse_categorical_crossentropy, ``--epochs`` epochs),
  timed inside a child process in which TensorFlow is already imported and one tiny fit already ran (as the
  app's Dask workers are warmed by ``cluster.WarmUp``), one process per fit, made just before each app run
  (``--repeats`` pairs). ``bare_fit_and_evaluate_seconds``: the same child also evaluates and predicts the
  1,000 test samples after the fit (Keras's ``evaluate`` and ``predict``), timed to that end: the side of a
  ratio that does the same work as the app's job (``engine.training.evaluate`` gets the same figures from one
  pass). Shipping the model home as ``.keras`` bytes stays an app cost.
- ``app_run_seconds``: in the real app (``python -m streamlit run`` with ``streamlit_command``) and a real
  headless Chromium driven by Playwright: on the Train page, preset "MNIST CNN", dataset MNIST, the
  samples slider set to ``--samples``, the ``--epochs`` epochs, batch size 32; time from clicking Train until the
  page's progress text says "finished" (the live chart is on screen all along), as the page itself notes the two
  moments (``train_tab.WATCH_JS``: a MutationObserver, the moment taken after the next paint; the benchmark
  reads the notes four times a second and never polls the page's layout). A full warm-up run in another
  tab precedes it, so the worker pool is warm and has traced nothing of this model yet either (a new model
  is traced again on every run, exactly as in the bare fit). The page's progress line is redrawn every 2 s
  (``playground_app.train.live.LIVE_SECONDS``) and waits for a run that will end before the next redraw
  (``END_WAIT_SECONDS``) — what the learner sees. ``app_elapsed_shown_seconds`` is the "s elapsed" the page shows at the end (the
  server-side record from running to finished, evaluation and model transfer included; queueing, job
  submission and the last redraw excluded).
  A run whose finished line does not say ``--epochs`` epochs stops the benchmark (the app trained something else
  than the tab shows).
- ``app_overhead_ratio_1``: ``app_run_seconds / bare_fit_seconds`` (the issue's definition), the median over
  the pairs; ``app_overhead_ratio_1_same_work``: ``app_run_seconds / bare_fit_and_evaluate_seconds``.
- ``bare_fit_spread``: the slowest of the single bare fits divided by the fastest: how much the machine's own
  speed moved during the benchmark. The machines this was written on are shared virtual machines whose speed
  moves within minutes (in one session the same bare fit took 7.1 to 12.5 s in five interleaved rounds, with
  no steal time recorded); a pair's ratio moves with it (0.999 to 1.554 in one run), so read the medians
  against this spread.
- ``engine_run_seconds`` / ``engine_first_point_seconds``: the same run through the engine alone, from this
  process (``runner.submit`` on its own embedded cluster, second of two runs; no server, no browser): submit ->
  models home, and submit -> the server-side record's first point. ``engine_overhead_ratio_1_same_work`` divides
  the first by the fit-and-evaluate seconds of one bare fit made right after it; the rest of
  ``app_run_seconds`` is the page and the browser.
- ``first_point_seconds``: the same run, from clicking Train until the live chart draws a point (a line of two
  points or more, or an epoch's dot, in the page's Vega-Lite chart; the empty panels drawn before it have none).
- ``app_overhead_ratio_3``: three browser contexts (three separate sessions) press Train one right after
  the other (clicks ~tens of ms apart); the slowest click -> "finished" divided by the wall time of three bare
  fits run at once as three child processes (first start to last end). The embedded cluster has one worker
  per core but at least three (``cluster.MIN_WORKERS``), so the three app runs train at once, as the bare fits
  do, and share the cores with the server and the three tabs: this ratio measures what learners see. ``_same_work``: divided by
  the three bare children's wall time to the end of their evaluations. ``--rounds-of-3`` pairs, each three
  bare fits at once followed by three app runs at once; the median of their ratios.
- ``app_3_worker_cpu_seconds`` / ``app_3_server_cpu_seconds`` / ``app_3_browser_cpu_seconds``: CPU seconds the
  cluster's processes (the trainings, and its scheduler), the server and the three tabs' Chromium used from the
  first click of a round of three until its slowest run said finished (where the time of
  ``app_overhead_ratio_3`` went).
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

Usage: ``python bench/app_overhead.py [--epochs 5] [--samples 4000] [--repeats 3] [--rounds-of-3 2] [--quick]``
from the repository root (about 8 minutes on 2 cores).
``--quick`` is a smoke run (1 epoch, 1,024 samples, 4 s watch). Needs Chromium at ``$PLAYGROUND_CHROMIUM``
(default ``/usr/bin/chromium``) and the ``playwright`` Python package; never runs ``playwright install``.
The browser side (preparing a Train tab, reading its progress line) is ``bench/train_tab.py``; the bare fits
``bench/bare_fit.py``; the engine alone and Stop ``bench/engine_side.py``; CPU seconds from ``/proc``
``bench/process_cpu.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bare_fit import BATCH_SIZE, bare_fits  # noqa: E402 - bench/ is on the path.
from engine_side import engine_side, stop_latency  # noqa: E402
from process_cpu import chromium_pids, cpu_of, server_pid_and_workers  # noqa: E402
from train_tab import (RUN_TIMEOUT_S, click_train, ended, prepare_tab, progress,  # noqa: E402
                       say, wait_finished, watch)

CHROMIUM = os.environ.get("PLAYGROUND_CHROMIUM", "/usr/bin/chromium")


# ---------------------------------------------------------------- the app side (browser)

def cpu_shares(browser, url: str, samples: int, seconds: float) -> dict[str, float]:
    """One tab watches a long run's live chart for ``seconds``; CPU share of server, workers, Chromium."""
    port = int(url.rsplit(":", 1)[1])
    context, page, _ = prepare_tab(browser, url, 200, samples)
    try:
        clicked = click_train(page)
        while time.perf_counter() - clicked < RUN_TIMEOUT_S:
            shown = progress(page)
            if shown and shown[1] > 0:
                break
            page.wait_for_timeout(100)
        page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
        server, workers = server_pid_and_workers(port)
        chromium = chromium_pids()
        before = {"server": cpu_of([server]), "worker": cpu_of(workers), "browser": cpu_of(chromium)}
        start = time.perf_counter()
        page.wait_for_timeout(seconds * 1000)  # Playwright keeps serving the page's events meanwhile.
        wall = time.perf_counter() - start
        after = {"server": cpu_of([server]), "worker": cpu_of(workers), "browser": cpu_of(chromium_pids())}
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

    from tests.conftest import CHROMIUM_FLAGS, serve_app

    with serve_app("bench-app-overhead.log") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            return cpu_shares(browser, url, samples, watch_seconds)
        finally:
            browser.close()


def app_side(epochs: int, samples: int, watch_seconds: float, repeats: int, rounds_of_3: int) -> dict[str, list]:
    """The app's runs, each right after the bare fits it is compared with (see the module's docstring).

    Returns lists, one item per pair: ``bare``/``app`` singles and ``bare_3``/``app_3`` rounds; plus the CPU shares.
    """
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_FLAGS, serve_app

    figures: dict[str, list] = {name: [] for name in ("bare", "bare_same", "app", "elapsed", "first",
                                                      "bare_3", "bare_3_same", "app_3", "app_3_fastest")}
    with serve_app("bench-app-overhead.log") as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            # Warm-up: starts the embedded cluster, imports everything the page needs, loads MNIST.
            context, page, used = prepare_tab(browser, url, epochs, samples)
            wait_finished(page, epochs=epochs)
            context.close()
            figures["samples_used"] = [used]

            for _ in range(repeats):
                bare = bare_fits(1, epochs, samples)
                context, page, _ = prepare_tab(browser, url, epochs, samples)
                seconds, first, elapsed = wait_finished(page, epochs=epochs)
                context.close()
                say(f"pair: bare {bare['fit']:.2f} s, app {seconds:.2f} s")
                figures["bare"].append(bare["fit"])
                figures["bare_same"].append(bare["fit_and_evaluate"])
                figures["app"].append(seconds)
                figures["elapsed"].append(elapsed)
                figures["first"].append(first if first is not None else float("nan"))

            for _ in range(rounds_of_3):
                three = bare_fits(3, epochs, samples)
                tabs = [prepare_tab(browser, url, epochs, samples) for _ in range(3)]
                for _, page, _ in tabs:
                    watch(page)
                server, workers = server_pid_and_workers(int(url.rsplit(":", 1)[1]))
                before = {"browser": cpu_of(chromium_pids()), "server": cpu_of([server]), "worker": cpu_of(workers)}
                clicks = [click_train(page) for _, page, _ in tabs]
                finished: dict[int, float] = {}
                deadline = time.perf_counter() + RUN_TIMEOUT_S
                while len(finished) < 3 and time.perf_counter() < deadline:
                    tabs[0][1].wait_for_timeout(250)
                    for index, (_, page, _) in enumerate(tabs):
                        found = None if index in finished else ended(page, epochs)
                        if found is not None:
                            finished[index] = found[0]
                if len(finished) < 3:
                    raise TimeoutError("the three concurrent app runs did not all finish in time")
                after = {"browser": cpu_of(chromium_pids()), "server": cpu_of([server]), "worker": cpu_of(workers)}
                for name in after:  # CPU seconds from the first click until the slowest run said finished.
                    figures.setdefault(f"app_3_{name}_cpu", []).append(
                        sum(value - before[name].get(pid, 0.0) for pid, value in after[name].items()))
                for context, _, _ in tabs:
                    context.close()
                say(f"round of 3: bare wall {three['fit']:.2f} s, app slowest {max(finished.values()):.2f} s "
                    f"(clicks {clicks[-1] - clicks[0]:.2f} s apart)")
                figures["bare_3"].append(three["fit"])
                figures["bare_3_same"].append(three["fit_and_evaluate"])
                figures["app_3"].append(max(finished.values()))
                figures["app_3_fastest"].append(min(finished.values()))

            shares = cpu_shares(browser, url, samples, watch_seconds)
            for name in ("server", "worker", "browser"):
                figures[f"{name}_cpu_share"] = [shares[name]]
        finally:
            browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run (default 5; 1 with --quick)")
    parser.add_argument("--samples", type=int, default=None, help="training samples (default 4000; 1024 with --quick)")
    parser.add_argument("--watch-seconds", type=float, default=None, help="CPU-share window (default 10; 4 with --quick)")
    parser.add_argument("--repeats", type=int, default=3, help="pairs of a bare fit and an app run (default 3)")
    parser.add_argument("--rounds-of-3", type=int, default=2,
                        help="pairs of three bare fits at once and three app runs at once (default 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer epochs and samples")
    parser.add_argument("--only", choices=("cpu",), help="measure only this part (cpu: the live view's CPU shares)")
    arguments = parser.parse_args()
    epochs = arguments.epochs or (1 if arguments.quick else 5)
    samples = arguments.samples or (1024 if arguments.quick else 4000)
    watch_seconds = arguments.watch_seconds or (4.0 if arguments.quick else 10.0)
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"Chromium not found at {CHROMIUM} (set PLAYGROUND_CHROMIUM); this benchmark needs a real browser.")
    try:
        import playwright.sync_api  # noqa: F401
        import psutil  # noqa: F401
    except ImportError as error:
        sys.exit(f"this benchmark needs the playwright and psutil packages: {error}")

    if arguments.only == "cpu":
        shares = cpu_only(samples, watch_seconds)
        for name in ("server", "worker", "browser"):
            print(f"{name}_cpu_share: {shares[name]:.3f}", flush=True)
        return
    print(f"epochs: {epochs}", flush=True)
    print(f"batch_size: {BATCH_SIZE}", flush=True)
    print(f"cores: {os.cpu_count()}", flush=True)
    engine = engine_side(epochs, samples)
    bare_alone = bare_fits(1, epochs, samples)  # The engine's run is compared with a bare fit made just after it.
    print(f"engine_run_seconds: {engine['engine_run_seconds']:.2f}", flush=True)
    print(f"engine_first_point_seconds: {engine['engine_first_point_seconds']:.2f}", flush=True)
    print(f"engine_overhead_ratio_1_same_work: {engine['engine_run_seconds'] / bare_alone['fit_and_evaluate']:.3f}",
          flush=True)
    app = app_side(epochs, samples, watch_seconds, arguments.repeats, arguments.rounds_of_3)

    def line(name: str, values: list[float], digits: int = 2) -> None:
        if not values:  # (No round of three was asked for.)
            return
        print(f"{name}: {statistics.median(values):.{digits}f}")
        print(f"{name}_each: {', '.join(f'{value:.{digits}f}' for value in values)}", flush=True)

    def ratio(name: str, app_values: list[float], bare_values: list[float]) -> None:
        """The median of the pairs' ratios (each pair measured back to back), and each pair's."""
        line(name, [mine / bare for mine, bare in zip(app_values, bare_values)], 3)

    print(f"samples_used: {int(app['samples_used'][0])}")
    # What is printed, in order: (name, figures) for a figure, (name, app figures, bare figures) for a ratio.
    printed = [("bare_fit_seconds", "bare"), ("bare_fit_and_evaluate_seconds", "bare_same"), ("app_run_seconds", "app"),
               ("app_elapsed_shown_seconds", "elapsed"), ("app_overhead_ratio_1", "app", "bare"),
               ("app_overhead_ratio_1_same_work", "app", "bare_same"), ("first_point_seconds", "first"),
               ("bare_3_at_once_wall_seconds", "bare_3"), ("app_slowest_of_3_seconds", "app_3"),
               ("app_fastest_of_3_seconds", "app_3_fastest"), ("app_overhead_ratio_3", "app_3", "bare_3"),
               ("app_overhead_ratio_3_same_work", "app_3", "bare_3_same")]
    printed += [(f"app_3_{name}_cpu_seconds", f"app_3_{name}_cpu") for name in ("worker", "server", "browser")]
    for name, *keys in printed:
        if len(keys) == 2:
            ratio(name, app[keys[0]], app[keys[1]])
        else:
            line(name, app.get(keys[0], []))
    print(f"bare_fit_spread: {max(app['bare']) / min(app['bare']):.2f}")
    print(f"server_cpu_share: {app['server_cpu_share'][0]:.3f}")
    print(f"worker_cpu_share: {app['worker_cpu_share'][0]:.3f}")
    print(f"browser_cpu_share: {app['browser_cpu_share'][0]:.3f}", flush=True)
    stop = stop_latency(samples)
    print(f"stop_latency_batches: {stop['stop_latency_batches']:.0f}")
    print(f"stop_after_seen_batches: {stop['stop_after_seen_batches']:.0f}")
    print(f"stop_seconds: {stop['stop_seconds']:.2f}")


if __name__ == "__main__":
    main()
