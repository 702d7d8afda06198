#!/usr/bin/env python3
"""Writes demo.stats.json: a believable stats file (docs/stats-json.md) of a 2-fetcher, 2-parser crawl of
about 20 s of a local documentation site, with one parser restarted, for the report's tests and the
screenshot in docs/report.png. Seeded: running it again writes the same file."""
import json
import random
from pathlib import Path

rng = random.Random(20261201)
ELAPSED = 20.4


def fetcher_spans(start, end):
    """Long busy spans (transfers in flight) broken by short waits for the queue to refill."""
    spans, t = [], start
    while t < end:
        busy = rng.uniform(0.25, 1.6)
        spans.append([round(t, 3), round(min(end, t + busy), 3)])
        t += busy + rng.uniform(0.012, 0.09)
    return spans


def parser_spans(start, end, load):
    """One span per batch parsed: a few milliseconds to a few tens, idle between batches."""
    spans, t = [], start
    while t < end:
        busy = rng.uniform(0.004, 0.045) * load
        spans.append([round(t, 3), round(min(end, t + busy), 3)])
        t += busy + rng.uniform(0.011, 0.07)
    return spans


def throughput():
    points, pages = [{"t": 0, "pages": 0}], 0
    for t in range(1, 21):
        ramp = min(1.0, t / 2.5)
        rate = 255 * ramp * rng.uniform(0.86, 1.12)
        if t == 9:
            rate *= 0.62  # the parser restart
        pages += int(rate)
        points.append({"t": t, "pages": pages})
    return points


points = throughput()
pages = points[-1]["pages"] + 61
by_status = {"0": 14, "200": pages - 14 - 52 - 118 - 6, "301": 52, "404": 118, "500": 6}
depth_shares = [("0", 1), ("1", 42), ("2", 610), ("3", 2390)]
by_depth = dict(depth_shares)
by_depth["4"] = pages - sum(n for _, n in depth_shares)
types = {"image/png": 160, "application/pdf": 94, "text/css": 38, "application/javascript": 21, "": 14}
types["text/html"] = pages - sum(types.values())
slow_paths = ["api/search.html", "library/asyncio-eventloop.html", "reference/datamodel.html",
              "library/stdtypes.html", "whatsnew/changelog.html", "library/functions.html",
              "library/typing.html", "howto/logging-cookbook.html", "library/re.html", "tutorial/classes.html"]
slowest = []
ms = 880.0
for i in range(20):
    path = slow_paths[i % len(slow_paths)] if i < 10 else f"genindex-{chr(65 + i)}.html"
    status = 0 if i in (0, 3) else 200
    slowest.append({"url": f"http://127.0.0.1:8080/docs/{path}", "fetch_ms": round(ms, 1), "status": status})
    ms *= rng.uniform(0.72, 0.93)

stats = {
    "format": "arachne-stats/1",
    "name": "docsite",
    "state": "finished",
    "started_at": "2026-12-01T21:33:00Z",
    "updated_at": "2026-12-01T21:33:20Z",
    "elapsed_s": ELAPSED,
    "totals": {"pages": pages, "errors": 14, "bytes": pages * 23_817, "queued": 0, "in_flight": 0,
               "discovered": pages + 2_116, "retries": 5, "restarts": 1, "out_of_scope": 1_874,
               "robots_disallowed": 23},
    "by_status": by_status,
    "by_error": {"timeout": 9, "connect": 3, "too large": 2},
    "by_content_type": types,
    "by_depth": by_depth,
    "by_host": [
        {"host": "http://127.0.0.1:8080", "pages": pages - 120, "errors": 12, "bytes": (pages - 120) * 23_817},
        {"host": "http://127.0.0.1:8081", "pages": 96, "errors": 2, "bytes": 96 * 9_120},
        {"host": "http://localhost:8080", "pages": 24, "errors": 0, "bytes": 24 * 4_410},
    ],
    "timings": {"fetch_ms": {"count": pages - 14, "mean": 6.8, "p50": 3.9, "p90": 12.6, "p99": 61.0,
                             "max": 880.0}},
    "throughput": points,
    "slowest": slowest,
    "processes": [
        {"name": "fetcher 0", "role": "fetcher", "pid": 51234, "started_s": 0.01, "ended_s": 20.35,
         "busy": fetcher_spans(0.08, 20.1)},
        {"name": "fetcher 1", "role": "fetcher", "pid": 51235, "started_s": 0.01, "ended_s": 20.35,
         "busy": fetcher_spans(0.09, 19.8)},
        {"name": "parser 0", "role": "parser", "pid": 51236, "started_s": 0.02, "ended_s": 20.36,
         "busy": parser_spans(0.21, 20.2, 1.0)},
        {"name": "parser 1", "role": "parser", "pid": 51237, "started_s": 0.02, "ended_s": 8.31,
         "busy": parser_spans(0.24, 8.3, 1.1)},
        {"name": "parser 1", "role": "parser", "pid": 51412, "started_s": 8.52, "ended_s": 20.36,
         "busy": parser_spans(8.6, 20.2, 1.0)},
    ],
}
Path(__file__).with_name("demo.stats.json").write_text(json.dumps(stats, indent=1) + "\n")
