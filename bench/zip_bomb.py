"""A zip-bomb ``.keras`` upload: how long and how much memory until the app answers.

What it measures: a valid tiny Keras model whose ``config.json`` is padded with spaces (200 MB by
default; ``python -m bench.zip_bomb 400`` for another size) compresses to a few hundred kilobytes. It
is handed to ``playground.engine.model_files.load_model_bytes`` exactly as the Train page's upload
is. The archive check should refuse it from the zip's central directory, before anything is inflated.

Prints:
- ``upload_kb``: the crafted file's size.
- ``outcome``: the error key the learner sees, or ``loaded`` when the bomb was accepted.
- ``seconds``: time to the answer.
- ``rss_mb_before`` / ``rss_mb_peak``: this process's resident memory before and at its highest.
"""

from __future__ import annotations

import io
import resource
import sys
import time
import zipfile

import psutil


def padded_model(padding_mb: int) -> bytes:
    """A tiny valid ``.keras`` model whose ``config.json`` ends with ``padding_mb`` MB of spaces."""
    import keras

    from playground.engine.model_files import model_to_bytes

    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1, name="out")])
    source = zipfile.ZipFile(io.BytesIO(model_to_bytes(model)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "config.json":
                archive.writestr(item.filename, source.read(item.filename))
                continue
            # Streamed in 1 MB pieces, so that making the bomb does not itself raise the memory peak.
            with archive.open("config.json", "w", force_zip64=True) as entry:
                entry.write(source.read("config.json"))
                for _ in range(padding_mb):
                    entry.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def main() -> None:
    padding_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    from playground.engine.model_files import ModelFileError, load_model_bytes

    data = padded_model(padding_mb)
    rss_before = psutil.Process().memory_info().rss / 1e6
    start = time.perf_counter()
    try:
        load_model_bytes(data)
        outcome = "loaded"
    except ModelFileError as error:
        outcome = error.key
    seconds = time.perf_counter() - start
    print(f"upload_kb: {len(data) / 1024:.0f}")
    print(f"outcome: {outcome}")
    print(f"seconds: {seconds:.3f}")
    print(f"rss_mb_before: {rss_before:.0f}")
    print(f"rss_mb_peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6:.0f}")


if __name__ == "__main__":
    main()
