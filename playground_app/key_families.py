"""Translation keys the pages build from a name (``tr(f"conv.pool.{mode}")``), declared in one place.

A key written as a literal is checked by ``tests/test_app_shell.py`` as it stands; a key built with
an f-string cannot be read off the source. So every f-string key's template is declared here with
the names it is filled with — taken from the very tuples and registries the pages offer — and the
test requires each template the pages use to be declared and every filled-in key to exist in the
table. A new choice in one of those tuples without its text then fails the test, not the learner.
"""

from __future__ import annotations

from playground.charts.convolution import DEFAULT_LABELS
from playground.data.registry import DATASETS
from playground.data.samples import SAMPLES
from playground.engine.runs import ACTIVE_STATUSES, FINAL_STATUSES
from playground.labs.boundary_setup import LESSONS
from playground.labs.convolution import POOL_MODES
from playground.labs.kernels import KERNELS
from playground.labs.surfaces import SURFACES
from playground.spec.tasks import TASKS
from playground_app import PAGE_NAMES
from playground_app.boundary.controls import REGULARIZER_CHOICES
from playground_app.boundary.data_controls import SOURCES as BOUNDARY_SOURCES
from playground_app.boundary.live import CHART_LABELS as BOUNDARY_CHART_LABELS
from playground_app.boundary.live import NETWORK_LABELS as BOUNDARY_NETWORK_LABELS
from playground_app.compare.race import MODEL_SOURCES
from playground_app.compare.surface import VIEWS
from playground_app.convolution.input import UPLOAD
from playground_app.convolution.sections import SECTIONS
from playground_app.draw.state import SOURCES as DRAW_SOURCES
from playground.labs.variants import EXPERIMENTS
from playground_app.overfitting.augmentation import RANGES as AUGMENT_RANGES
from playground_app.overfitting.augmentation import SOURCES as AUGMENT_SOURCES
from playground_app.overfitting.augmentation import SWITCHES as AUGMENT_SWITCHES
from playground_app.overfitting.variants import METRICS as OVERFIT_METRICS
from playground_app.overfitting.variants import PLACEMENTS as OVERFIT_PLACEMENTS
from playground_app.overfitting.variants import SOURCES as OVERFIT_SOURCES
from playground_app.overfitting.variants_live import CHART_LABELS as OVERFIT_CHART_LABELS
from playground_app.widgets.curves import CHART_LABELS
from playground_app.train.predict import SOURCES as PREDICT_SOURCES
from playground_app.train.setup import SOURCES as TRAIN_SOURCES
from playground.transfer.models import WAYS as TRANSFER_WAYS
from playground_app.transfer.explain import PREDICT_SOURCES as TRANSFER_PREDICT_SOURCES
from playground_app.transfer.state import SOURCES as TRANSFER_SOURCES

KEY_FAMILIES: dict[str, tuple[str, ...]] = {
    # Template ({} is the name, whatever the page calls its variable) → the names it is filled with.
    "nav.{}": PAGE_NAMES,
    "home.{}": PAGE_NAMES,
    "conv.section.{}": tuple(SECTIONS),
    "conv.anim.{}": tuple(DEFAULT_LABELS),
    "conv.pool.{}": POOL_MODES,
    "conv.pool.same_{}": POOL_MODES,
    "conv.kernel.{}": tuple(KERNELS),
    "conv.sample.{}": (*SAMPLES, UPLOAD),
    "draw.source_{}": DRAW_SOURCES,
    "train.source_{}": TRAIN_SOURCES,
    "train.predict.source_{}": PREDICT_SOURCES,
    "train.status.{}": (*ACTIVE_STATUSES, *FINAL_STATUSES),
    "train.chart.{}": CHART_LABELS,
    "datasets.task.{}": TASKS,
    "datasets.name.{}": tuple(DATASETS),
    "compare.race.source_{}": MODEL_SOURCES,
    "compare.surface.{}": tuple(SURFACES),
    "compare.surface.{}.about": tuple(SURFACES),
    "compare.surface.{}_tab": VIEWS,
    "boundary.lesson.{}.title": tuple(LESSONS),
    "boundary.lesson.{}.text": tuple(LESSONS),
    "boundary.chart.{}": BOUNDARY_CHART_LABELS,
    "overfit.experiment.{}.title": tuple(EXPERIMENTS),
    "overfit.experiment.{}.point": tuple(EXPERIMENTS),
    "overfit.model.{}": OVERFIT_SOURCES,
    "overfit.placement.{}": OVERFIT_PLACEMENTS,
    "overfit.metric.{}": OVERFIT_METRICS,
    "overfit.chart.{}": OVERFIT_CHART_LABELS,
    "overfit.aug.source.{}": AUGMENT_SOURCES,
    "overfit.aug.{}": (*AUGMENT_RANGES, *AUGMENT_SWITCHES),
    "boundary.net.{}": BOUNDARY_NETWORK_LABELS,
    "boundary.source_kind.{}": BOUNDARY_SOURCES,
    "boundary.regularizer.{}": REGULARIZER_CHOICES,
    "transfer.source_{}": TRANSFER_SOURCES,
    "transfer.way.{}": tuple(TRANSFER_WAYS),
    "transfer.predict_source_{}": TRANSFER_PREDICT_SOURCES,
}
