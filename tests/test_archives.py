"""The one archive check (``playground.data.archives``): refused from the central directory, nothing inflated."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from playground.data.archives import MEGABYTE, ArchiveError, ArchiveLimits, check_archive

LIMITS = ArchiveLimits(max_entries=4, max_entry_bytes=8 * MEGABYTE, max_total_bytes=10 * MEGABYTE,
                       max_ratio=100.0, entry_limits={"config.json": MEGABYTE})

NOISE = random.Random(0).randbytes(3 * MEGABYTE)  # Packs to its own size: no ratio to trip on.


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_ordinary_archive_passes_and_lists_its_entries():
    contents = check_archive(_zip({"config.json": b"{}", "weights.h5": bytes(range(256)) * 100}), LIMITS)
    assert contents.names == ("config.json", "weights.h5")
    assert contents.total_bytes == 2 + 25_600


@pytest.mark.parametrize(("entries", "reason"), [
    ({"config.json": b" " * (2 * MEGABYTE)}, "entry_too_large"),          # the per-name cap
    ({"weights.h5": b" " * (9 * MEGABYTE)}, "entry_too_large"),           # the cap for any entry
    ({f"{n}.bin": NOISE for n in range(4)}, "too_large"),  # each fits, not all together
    ({f"{n}.txt": b"x" for n in range(5)}, "too_many_entries"),
    ({"weights.h5": b"\0" * (2 * MEGABYTE)}, "ratio"),                     # 2 MB of zeros packs ~1000×
])
def test_archives_beyond_the_limits_are_refused_with_the_numbers(entries, reason):
    with pytest.raises(ArchiveError) as refused:
        check_archive(_zip(entries), LIMITS)
    assert refused.value.reason == reason
    assert refused.value.key == f"common.archive_{reason}"
    assert refused.value.text("ko") and "{" not in refused.value.text("en")


def test_a_stored_entry_has_ratio_one_and_only_its_size_counts():
    check_archive(_zip({"weights.h5": b"\0" * (2 * MEGABYTE)}, zipfile.ZIP_STORED), LIMITS)


@pytest.mark.parametrize(("data", "reason"), [
    (b"not a zip at all", "not_zip"),
    (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
])
def test_non_archives_and_damaged_archives_say_so(data, reason):
    with pytest.raises(ArchiveError) as refused:
        check_archive(data, LIMITS)
    assert refused.value.reason == reason


def test_a_truncated_archive_is_damaged():
    whole = _zip({"config.json": b"{}" * 1000, "weights.h5": bytes(range(256)) * 100})
    with pytest.raises(ArchiveError) as refused:
        check_archive(whole[: len(whole) // 2], LIMITS)
    assert refused.value.reason == "damaged"


def test_a_bomb_is_refused_from_its_directory_without_inflating_anything(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("config.json", "w", force_zip64=True) as entry:
        for _ in range(64):
            entry.write(b" " * MEGABYTE)

    def inflated(*args, **kwargs):
        raise AssertionError("an entry was opened: the bomb was being inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", inflated)
    with pytest.raises(ArchiveError):
        check_archive(buffer.getvalue(), LIMITS)
