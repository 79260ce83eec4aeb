"""Full datasets a system package installed on this computer, read without any network.

Debian's ``dataset-fashion-mnist`` (``apt-get install dataset-fashion-mnist``) puts the four original
idx files that ``keras.datasets.fashion_mnist`` downloads into ``/usr/share/datasets/fashion-mnist``.
When they are there, the full 60,000 + 10,000 images work offline. The folder is named once, in
``FASHION_MNIST_PACKAGE``; the environment variable it names overrides it (tests, other systems).

The idx format (http://yann.lecun.com/exdb/mnist/): a big-endian header — two zero bytes, a type
byte (0x08: unsigned bytes), the number of dimensions — then one big-endian uint32 per dimension,
then the values row by row.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from playground.data.core import DatasetError

IDX_UNSIGNED_BYTE = 0x08


@dataclass(frozen=True)
class InstalledCopy:
    """Where a system package puts a full dataset as the four idx files keras.datasets downloads.

    Attributes:
        package: The package's name (said to the learner: ``apt-get install <package>``).
        folder: The folder the package installs into.
        folder_variable: Environment variable that, when set, names the folder instead.
        train_images: File names of the training images, training labels, test images, test labels.
        train_labels: See ``train_images``.
        test_images: See ``train_images``.
        test_labels: See ``train_images``.
    """

    package: str
    folder: str
    folder_variable: str
    train_images: str = "train-images-idx3-ubyte.gz"
    train_labels: str = "train-labels-idx1-ubyte.gz"
    test_images: str = "t10k-images-idx3-ubyte.gz"
    test_labels: str = "t10k-labels-idx1-ubyte.gz"

    def path(self) -> Path:
        """The folder to read, the environment variable first (read on every call, so tests can set it)."""
        return Path(os.environ.get(self.folder_variable) or self.folder)

    def files(self) -> tuple[Path, Path, Path, Path]:
        """The four files: training images and labels, test images and labels."""
        folder = self.path()
        return (folder / self.train_images, folder / self.train_labels, folder / self.test_images,
                folder / self.test_labels)

    def available(self) -> bool:
        """Tells whether all four files are there (a cheap check the sidebar may make on every run)."""
        return all(path.is_file() for path in self.files())

    def read(self) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Reads the four files, shaped as ``keras.datasets.<name>.load_data()`` returns them.

        Returns:
            ``((x_train, y_train), (x_test, y_test))``: uint8 images ``(N, H, W)``, uint8 labels ``(N,)``.

        Raises:
            DatasetError: A file is unreadable, not idx, or images and labels disagree in number.
        """
        try:
            train_images, train_labels, test_images, test_labels = (read_idx_gz(path) for path in self.files())
            for images, labels in ((train_images, train_labels), (test_images, test_labels)):
                if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
                    raise ValueError(f"{images.shape} images but {labels.shape} labels")
        except (OSError, EOFError, ValueError) as error:
            raise DatasetError("datasets.error.installed_corrupt", folder=str(self.path()), package=self.package,
                               detail=str(error)[:200]) from error
        return (train_images, train_labels), (test_images, test_labels)


def read_idx_gz(path: Path) -> np.ndarray:
    """Reads one gzip-compressed idx file of unsigned bytes into an array of its shape.

    Raises:
        OSError: The file cannot be read or is not gzip.
        ValueError: It is not an idx file of unsigned bytes, or holds fewer or more values than its header says.
    """
    with gzip.open(path, "rb") as stream:
        data = stream.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != IDX_UNSIGNED_BYTE:
        raise ValueError(f"{path.name} is not an idx file of unsigned bytes")
    dimensions = data[3]
    if len(data) < 4 + 4 * dimensions:
        raise ValueError(f"{path.name} ends inside its header")
    shape = tuple(int(size) for size in np.frombuffer(data, dtype=">u4", count=dimensions, offset=4))
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions)
    if values.size != int(np.prod(shape)):
        raise ValueError(f"{path.name} holds {values.size:,} values but its header says {shape}")
    return values.reshape(shape)


FASHION_MNIST_PACKAGE = InstalledCopy(
    package="dataset-fashion-mnist",
    folder="/usr/share/datasets/fashion-mnist",
    folder_variable="PLAYGROUND_FASHION_MNIST_DIR",
)
