"""LibreOffice headless and poppler, for checking Word output: DOCX -> PDF -> PNG of a page.

Debian packages: ``libreoffice-writer-nogui`` (or ``libreoffice-writer``) and ``poppler-utils``, installed by
``scripts/install-system-deps`` where missing. Each conversion uses its own throwaway LibreOffice profile, so
two runs never share (or lock) one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CONVERT_TIMEOUT = 300  # seconds; a cold LibreOffice start on a busy 2-core machine takes a while


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice headless; returns the PDF's path (raises when none was written)."""
    binary = soffice()
    if binary is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="newsmon-lo-") as profile:
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_TIMEOUT,
            check=False,
        )
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {docx}: {result.stdout} {result.stderr}")
    return pdf


def first_page_png(pdf: Path, png: Path, dpi: int = 80) -> Path:
    """The PDF's first page as a PNG (pdftoppm)."""
    binary = shutil.which("pdftoppm")
    if binary is None:
        raise FileNotFoundError("pdftoppm (poppler-utils) is not installed")
    stem = png.with_suffix("")
    subprocess.run(
        [binary, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=CONVERT_TIMEOUT,
    )
    return png
