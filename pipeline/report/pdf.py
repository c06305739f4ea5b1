"""report/report.pdf: the whole report on one page (report/udskrift.html, the same parts as the
site's pages) printed by a headless Chromium, where one is installed.

No browser, or ALMP_PDF=0 (the test suite's default), means no PDF; the report and the CLI say
so and how to print it by hand. A browser that fails or hangs (2 minutes) leaves no half-written PDF.
WeasyPrint is not used: it needs system libraries (Pango) a fresh machine lacks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# headless, and quiet on a closed network (no updates, sync or lookups of Google's hosts at start)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic")


def browser() -> str | None:
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


def will_print() -> bool:
    """Whether print_pdf will try: a browser, and ALMP_PDF not 0."""
    return os.environ.get("ALMP_PDF", "1") != "0" and browser() is not None


def print_pdf(html: Path, timeout: int = 240, shown_as: Path | None = None) -> Path | None:
    """Print html to report.pdf beside it; None if there is no browser or it failed (said on stderr,
    naming the page as shown_as: where the user finds it once the run is published)."""
    if not will_print():
        if os.environ.get("ALMP_PDF", "1") != "0":
            print(f"almp: no PDF: there is no Chromium on this machine (`make browser` installs Debian's); open "
                  f"{shown_as or html} in a browser and print it to PDF", file=sys.stderr)
        return None
    exe = browser()
    html = Path(html).resolve()
    pdf, partial = html.with_name("report.pdf"), html.with_name("report.pdf.partial")
    try:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                            f"--print-to-pdf={partial}", html.as_uri()],
                           capture_output=True, timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError) as e:
        partial.unlink(missing_ok=True)
        print(f"almp: no PDF: {exe} could not print {shown_as or html}: {e}", file=sys.stderr)
        return None
    if not partial.exists() or partial.stat().st_size == 0:
        partial.unlink(missing_ok=True)
        return None
    partial.replace(pdf)
    return pdf
