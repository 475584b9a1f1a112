"""Debian's Chromium as the browser tests launch it: one path, one set of flags, one artifacts folder.

The flags keep a headless Chromium quiet on a machine with no network beyond package registries:
no sandbox (root in CI), no GPU, no background or component-update traffic.
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
