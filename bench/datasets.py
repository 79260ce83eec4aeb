"""How long the datasets module makes a learner wait. Prints ``name: value`` lines.

Run: ``python bench/datasets.py``. Never downloads: online-only datasets are timed only when the
internet is unreachable (their refusal), and skipped otherwise.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from playground.data import registry as datasets

from playground.data import online as datasets_online
from playground.data.installed import FASHION_MNIST_PACKAGE


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    print(f"datasets_module_imports_tensorflow: {'tensorflow' in sys.modules}")
    online = datasets_online.reachable(refresh=True)
    print(f"internet_reachable: {online}")
    print(f"probe_unroutable_host_s: {_seconds(lambda: datasets_online.reachable('192.0.2.1', timeout=1.5, refresh=True)):.2f}")
    for name in ["iris", "breast_cancer", "wine", "digits", "mnist"]:
        datasets.clear_cache()
        print(f"load_cold_{name}_s: {_seconds(lambda: datasets.load(name, allow_download=False)):.3f}")
    print(f"load_cached_mnist_s: {_seconds(lambda: datasets.load('mnist', allow_download=False)):.6f}")
    if FASHION_MNIST_PACKAGE.available():  # Debian's dataset-fashion-mnist: the full 70,000, no network
        datasets.clear_cache()
        print(f"load_installed_fashion_mnist_s: {_seconds(lambda: datasets.load('fashion_mnist', allow_download=False)):.2f}")
    if not online:
        for name in [name for name in ["fashion_mnist", "cifar10"] if name not in datasets.local_datasets()]:
            datasets.clear_cache()

            def refuse() -> None:
                try:
                    datasets.load(name)
                except datasets.DatasetUnavailable:
                    pass

            print(f"offline_refusal_{name}_s: {_seconds(refuse):.3f}")
    rng = np.random.default_rng(0)
    rows = ["a,b,c,d,label"] + [",".join(f"{value:.4f}" for value in rng.normal(size=4)) + f",{index % 3}"
                                for index in range(10_000)]
    data = "\n".join(rows).encode()
    print(f"csv_bytes_10k_rows: {len(data)}")
    print(f"load_csv_10k_rows_s: {_seconds(lambda: datasets.load_csv(data, 'label')):.3f}")
    mnist = datasets.load("mnist", allow_download=False)
    subset_time = _seconds(lambda: datasets.subsample(mnist, 200, 50))
    print(f"subsample_mnist_200_s: {subset_time:.4f}")


if __name__ == "__main__":
    main()
