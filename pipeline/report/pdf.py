"""report/report.pdf: the HTML report printed by a headless Chromium, where one is installed.

No browser, or ALMP_PDF=0 (the test suite's default), means no PDF; the report says how
to print it by hand. A browser that fails or hangs (2 minutes) leaves no half-written PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def browser() -> str | None:
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def print_pdf(html: Path, timeout: int = 120) -> Path | None:
    """Print html to report.pdf beside it; None if there is no browser or it failed."""
    exe = browser()
    if os.environ.get("ALMP_PDF", "1") == "0" or exe is None:
        return None
    html = Path(html).resolve()
    pdf, partial = html.with_name("report.pdf"), html.with_name("report.pdf.partial")
    try:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={partial}", html.as_uri()],
                       capture_output=True, timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError):
        partial.unlink(missing_ok=True)
        return None
    if not partial.exists() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        return None
    partial.replace(pdf)
    return pdf
