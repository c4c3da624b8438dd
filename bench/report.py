"""The figures of one run: a table on the terminal, a JSON file, an SVG chart, and the targets."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

MIN_RATIO = 0.20
MAX_P99_MS = 100
MIN_FLATNESS = 0.90
MAX_RSS_MB = 150


def targets(results: dict) -> list[str]:
    """Every target missed, in words; empty when all are met."""
    missed = []
    bare = results["bare"]["per_second"]
    runs = results["runs"]
    for run in runs:
        where = f"{run['database']} N={run['citizens']:,}"
        for key, page in run["pages"].items():
            if page["errors"]:
                missed.append(f"{where} {key}: {page['errors']} errors during the load")
            if page["per_second"] / bare < MIN_RATIO:
                missed.append(f"{where} {key}: {page['per_second'] / bare:.3f} of the bare app (target {MIN_RATIO})")
            if page["p99_ms"] >= MAX_P99_MS:
                missed.append(f"{where} {key}: p99 {page['p99_ms']:.0f} ms (target < {MAX_P99_MS})")
        for rss in run["worker_rss_mb"]:
            if rss >= MAX_RSS_MB:
                missed.append(f"{where}: a worker holds {rss:.0f} MB (target < {MAX_RSS_MB})")
    for database in {run["database"] for run in runs}:
        sizes = sorted((run for run in runs if run["database"] == database), key=lambda run: run["citizens"])
        if len(sizes) < 2:
            continue
        small, large = sizes[0], sizes[-1]
        for key, page in large["pages"].items():
            flat = page["per_second"] / small["pages"][key]["per_second"]
            if flat < MIN_FLATNESS:
                missed.append(
                    f"{database} {key}: N={large['citizens']:,} serves {flat:.2f} of N={small['citizens']:,}"
                    f" (target ≥ {MIN_FLATNESS})"
                )
    if results["bare"]["errors"]:
        missed.append(f"bare app: {results['bare']['errors']} errors")
    return missed


def table(results: dict) -> str:
    bare = results["bare"]
    lines = [
        f"bare Flask: {bare['per_second']:,.0f} req/s, p50 {bare['p50_ms']:.1f} / p95 {bare['p95_ms']:.1f} / "
        f"p99 {bare['p99_ms']:.1f} ms, {bare['errors']} errors"
    ]
    for run in results["runs"]:
        lines.append("")
        lines.append(
            f"{run['database']}, {run['citizens']:,} citizens — worker RSS "
            + ", ".join(f"{rss:.0f}" for rss in run["worker_rss_mb"])
            + " MB"
        )
        lines.append(f"  {'page':<22}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'SQL':>5}{'ratio':>8}{'errors':>8}")
        lines.extend(_row(key, page, bare) for key, page in run["pages"].items())
        if run.get("floor"):
            lines.append("  before any page's own work:")
            lines.extend(_row(key, page, bare) for key, page in run["floor"].items())
    return "\n".join(lines)


def _row(key: str, page: dict, bare: dict) -> str:
    return (
        f"  {key:<22}{page['per_second']:>8,.0f}{page['p50_ms']:>8.1f}{page['p95_ms']:>8.1f}"
        f"{page['p99_ms']:>8.1f}{page['statements'] if page['statements'] is not None else '-':>5}"
        f"{page['per_second'] / bare['per_second']:>8.3f}{page['errors']:>8}"
    )


def write(results: dict, directory: Path) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    json_path, svg_path = directory / "latest.json", directory / "latest.svg"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    svg_path.write_text(chart(results))
    return json_path, svg_path


COLOURS = ("#0059b3", "#4f9ad6", "#b35900", "#e0a060", "#357a38", "#8fc591")


def chart(results: dict) -> str:
    """Throughput as a share of the bare app, one group of bars per page, the target as a line."""
    runs = results["runs"]
    bare = results["bare"]["per_second"]
    keys = list(runs[0]["pages"]) if runs else []
    bar, gap, left, width = 14, 12, 190, 520
    height = 60 + len(keys) * (len(runs) * bar + gap) + 20 * len(runs)
    scale = width / max(0.5, max((p["per_second"] / bare for r in runs for p in r["pages"].values()), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" '
        f'font-family="sans-serif" font-size="12" role="img">',
        f"<title>Throughput per page as a share of a bare Flask app ({bare:,.0f} req/s)</title>",
        f'<text x="10" y="20" font-size="14">Throughput as a share of bare Flask ({bare:,.0f} req/s), '
        f"{results['connections']} connections, gunicorn {results['workers']} workers</text>",
    ]
    y = 40
    for key in keys:
        parts.append(f'<text x="10" y="{y + len(runs) * bar / 2 + 4}">{escape(key)}</text>')
        for index, run in enumerate(runs):
            ratio = run["pages"][key]["per_second"] / bare
            parts.append(
                f'<rect x="{left}" y="{y}" width="{ratio * scale:.1f}" height="{bar - 2}" '
                f'fill="{COLOURS[index % len(COLOURS)]}"/>'
            )
            parts.append(f'<text x="{left + ratio * scale + 4:.1f}" y="{y + bar - 4}">{ratio:.3f}</text>')
            y += bar
        y += gap
    target = left + MIN_RATIO * scale
    parts.append(f'<line x1="{target:.1f}" y1="30" x2="{target:.1f}" y2="{y}" stroke="#c00" stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{target + 4:.1f}" y="36" fill="#c00">target {MIN_RATIO}</text>')
    for index, run in enumerate(runs):
        y += 20
        parts.append(f'<rect x="10" y="{y - 10}" width="12" height="12" fill="{COLOURS[index % len(COLOURS)]}"/>')
        parts.append(f'<text x="28" y="{y}">{escape(run["database"])}, {run["citizens"]:,} citizens</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
