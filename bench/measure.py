#!/usr/bin/python3
"""Runs a command and reports, as one JSON line, what it cost: wall seconds, CPU seconds of the whole
process tree (user + system, children included once reaped), and the peaks of the tree's summed memory,
sampled every 20 ms from /proc (a multi-process crawler's memory is the sum of its processes): resident
set size (RSS), which counts a page shared by several processes once in each, and proportional set
size (PSS, /proc/PID/smaps_rollup), which splits a shared page among its sharers, so that memory two
processes share (Arachne's page bodies, mapped by a fetcher and a parser) counts once in the sum. For a
single-process tool the two are about the same.

usage: measure.py -- COMMAND [ARGS...]
"""
import json
import os
import resource
import subprocess
import sys
import time


def tree_pids(root):
    children = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(pid))
    pids, stack = [], [root]
    while stack:
        pid = stack.pop()
        pids.append(pid)
        stack.extend(children.get(pid, []))
    return pids


def tree_memory_kib(root):
    """(RSS, PSS) of the tree, in KiB."""
    rss = pss = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return rss, pss


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = tree_memory_kib(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.02)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"exit": proc.returncode, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
                      "peak_rss_mib": round(peak_rss / 1024, 1), "peak_pss_mib": round(peak_pss / 1024, 1)}))


if __name__ == "__main__":
    main()
