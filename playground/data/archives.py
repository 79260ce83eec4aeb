"""The one check every zip archive a learner uploads goes through before anything is unpacked.

A ``.keras`` model is a zip archive, and so will be a folder of pictures. A zip archive says in its
central directory (at the end of the file) how many entries it holds and how big each one is packed
and unpacked, so a "zip bomb" — a 1 MB upload whose ``config.json`` is hundreds of megabytes of
spaces — can be refused from those numbers alone, in milliseconds and without inflating one byte.

The numbers can be trusted as a bound: Python's ``zipfile`` (which Keras and this app read with) stops
an entry's output at its declared size and fails the CRC check if more was packed, so an archive that
lies about its sizes is refused as damaged when read, never inflated past what this check allowed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from playground.errors import LearnerError

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """What an archive of one kind may hold (each kind of upload declares its own).

    Attributes:
        max_entries: The most entries (files and folders).
        max_entry_bytes: The most any one entry may unpack to.
        max_total_bytes: The most all entries together may unpack to.
        max_ratio: The highest unpacked/packed ratio of an entry. Real files pack 1–20×; deflate's
            ceiling is about 1,030×, reached only by runs of one byte — a bomb.
        ratio_floor_bytes: Entries smaller than this skip the ratio check (a tiny JSON file of
            spaces costs nothing, and short entries have noisy ratios).
        entry_limits: Tighter caps by entry name (``config.json`` of a real model is kilobytes).
    """

    max_entries: int
    max_entry_bytes: int
    max_total_bytes: int
    max_ratio: float = 100.0
    ratio_floor_bytes: int = MEGABYTE
    entry_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


class ArchiveError(LearnerError):
    """Why an archive was refused before unpacking (``common.archive_<reason>``).

    Attributes:
        reason: "not_zip", "damaged", "too_many_entries", "entry_too_large", "too_large" or "ratio".
    """

    def __init__(self, reason: str, **fields: object) -> None:
        self.reason = reason
        super().__init__(f"common.archive_{reason}", **fields)


@dataclass(frozen=True)
class ArchiveContents:
    """What the central directory lists, once it passed the check.

    Attributes:
        names: The entries' names, in the archive's order.
        total_bytes: What they unpack to, together.
    """

    names: tuple[str, ...]
    total_bytes: int


def check_archive(data: bytes, limits: ArchiveLimits) -> ArchiveContents:
    """Refuses an archive that is not a zip, is damaged, or would unpack beyond ``limits``.

    Only the central directory is read: nothing is decompressed, so a bomb costs what its
    directory costs (microseconds per entry).

    Args:
        data: The uploaded file's bytes.
        limits: What archives of this kind may hold.

    Returns:
        The entries' names and their total unpacked size.

    Raises:
        ArchiveError: With the reason and the numbers that broke the limit.
    """
    if not data.startswith(b"PK"):
        raise ArchiveError("not_zip")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError("damaged") from error
    if len(entries) > limits.max_entries:
        raise ArchiveError("too_many_entries", count=f"{len(entries):,}", limit=f"{limits.max_entries:,}")
    total = 0
    for entry in entries:
        _check_entry(entry, limits)
        total += entry.file_size
        if total > limits.max_total_bytes:
            raise ArchiveError("too_large", size=_mb(total), limit=_mb(limits.max_total_bytes))
    return ArchiveContents(tuple(entry.filename for entry in entries), total)


def _check_entry(entry: zipfile.ZipInfo, limits: ArchiveLimits) -> None:
    """Refuses one entry that is too big, or packed as only a bomb is packed."""
    limit = min(limits.max_entry_bytes, limits.entry_limits.get(entry.filename, limits.max_entry_bytes))
    if entry.file_size > limit:
        raise ArchiveError("entry_too_large", name=entry.filename, size=_mb(entry.file_size), limit=_mb(limit))
    if entry.file_size >= limits.ratio_floor_bytes:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ArchiveError("ratio", name=entry.filename, ratio=f"{ratio:,.0f}", limit=f"{limits.max_ratio:,.0f}")


def _mb(size: int) -> str:
    """Megabytes with one decimal, as the messages show them."""
    return f"{size / MEGABYTE:,.1f}"
