"""CPU seconds of processes on this machine, from ``/proc/<pid>/stat`` (utime + stime), for the benchmarks."""

from __future__ import annotations

import os


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_of(pids: list[int]) -> dict[int, float]:
    times = {}
    for pid in pids:
        try:
            times[pid] = cpu_seconds(pid)
        except OSError:
            pass
    return times


def chromium_pids() -> list[int]:
    import psutil

    pids = []
    for process in psutil.Process().children(recursive=True):
        try:
            if "chrom" in process.name().lower() or "chrom" in " ".join(process.cmdline()[:1]).lower():
                pids.append(process.pid)
        except psutil.Error:
            pass
    return pids


def server_pid_and_workers(port: int) -> tuple[int, list[int]]:
    import psutil

    for process in psutil.Process().children(recursive=False):
        try:
            if "streamlit" in " ".join(process.cmdline()) and str(port) in " ".join(process.cmdline()):
                return process.pid, [child.pid for child in process.children(recursive=True)]
        except psutil.Error:
            pass
    raise RuntimeError("the Streamlit server process was not found")
