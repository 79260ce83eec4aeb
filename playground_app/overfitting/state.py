"""The Overfitting page's state: one dataclass under one session-state key, and its widget keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playground_app.state import page_state

STATE_KEY = "overfitting"
TABS_KEY = "overfit_tabs"
"""The page's tabs (variants, augmentation preview, Dropout): their value is the open tab's label."""


class VariantKeys:
    """Widget keys of the variants section (all start with "overfit_variants_")."""

    PREFIX = "overfit_variants"  # The dataset picker's prefix: its selectbox is "overfit_variants_dataset".
    MODEL = "overfit_variants_model"
    DATASET = "overfit_variants_dataset"
    BASE = "overfit_variants_base"
    DROPOUT = "overfit_variants_dropout"
    DROPOUT_RATES = "overfit_variants_dropout_rates"
    BATCH_NORM = "overfit_variants_batch_norm"
    PLACEMENT = "overfit_variants_placement"
    GLOBAL_POOLING = "overfit_variants_gap"
    L2 = "overfit_variants_l2"
    AUGMENTATION = "overfit_variants_augmentation"
    SAMPLES = "overfit_variants_samples"
    VALIDATION = "overfit_variants_validation"
    EPOCHS = "overfit_variants_epochs"
    BATCH = "overfit_variants_batch"
    PATIENCE = "overfit_variants_patience"
    START = "overfit_variants_start"
    STOP = "overfit_variants_stop"
    METRIC = "overfit_variants_metric"
    EXPERIMENT = "overfit_variants_experiment_{name}"
    CHART = "overfit_variants_chart_{race}_{metric}_{lang}"


class AugmentKeys:
    """Widget keys of the augmentation preview (all start with "overfit_aug_"); ``SETTING`` takes a field name."""

    SOURCE = "overfit_aug_source"
    DIGIT = "overfit_aug_digit"
    ITEM = "overfit_aug_item"
    UPLOAD = "overfit_aug_upload"
    SETTING = "overfit_aug_{name}"
    COPIES = "overfit_aug_copies"
    REGENERATE = "overfit_aug_regenerate"


class DropoutKeys:
    """Widget keys of the Dropout section (all start with "overfit_drop_")."""

    RATE = "overfit_drop_rate"
    UNITS = "overfit_drop_units"
    NEW_STEP = "overfit_drop_new_step"
    CHART = "overfit_drop_chart"


@dataclass
class OverfittingState:
    """What the Overfitting page keeps between reruns.

    Attributes:
        race: The running or finished variants race (``playground.engine.runner.RaceHandle``), or None.
        experiment: The one-click experiment it runs (a key of ``playground.labs.variants.EXPERIMENTS``), or None.
        augmentation_seed: Seed of the augmented copies shown (the regenerate button moves it on).
        dropout_seed: Seed of the Dropout step shown (the new-step button moves it on).
    """

    race: Any = None
    experiment: str | None = None
    augmentation_seed: int = 0
    dropout_seed: int = 0


def overfitting_state() -> OverfittingState:
    """Returns this session's Overfitting page state, creating it on first use."""
    return page_state(STATE_KEY, OverfittingState)
