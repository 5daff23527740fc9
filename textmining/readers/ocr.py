"""OCR of scanned letters (PDFs with only page images, and images) with Tesseract's Danish model.

Tesseract is a program, not a Python package: `make ocr-tools` installs it with the Danish
model (Debian's `tesseract-ocr` and `tesseract-ocr-dan`). It is called as a command
(`tesseract IMAGE stdout -l dan`), each page rendered to an image by PDFium first. Without it,
reading a scanned file fails with one Danish line that says the file needs OCR and how to get
the tools; everything else works as before.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import tempfile

from textmining.errors import InputError

LANGUAGE = "dan"
DPI = 300
TIMEOUT_SECONDS = 120
MAX_OCR_PAGES = 50
INSTALL_HINT = (
    "installér OCR-værktøjerne med 'make ocr-tools' (Tesseract med dansk: "
    "apt-get install tesseract-ocr tesseract-ocr-dan) og indlæs filen igen"
)


@functools.lru_cache(maxsize=1)
def tesseract_status() -> str | None:
    """None when Tesseract with the Danish model can be used, else what is missing (Danish)."""
    exe = shutil.which(os.environ.get("AFDAEK_TESSERACT", "tesseract"))
    if exe is None:
        return "Tesseract er ikke installeret"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "Tesseract kan ikke startes"
    langs = {ln.strip() for ln in (out.stdout + out.stderr).splitlines()}
    if LANGUAGE not in langs:
        return "Tesseracts danske sprogmodel (tesseract-ocr-dan) er ikke installeret"
    return None


def available() -> bool:
    """True when scanned files can be read."""
    return tesseract_status() is None


def _need_tools(where: str, what: str) -> InputError:
    return InputError(where, f"{what} og skal OCR-læses, men {tesseract_status()}; {INSTALL_HINT}")


def _run(where: str, image_png: bytes) -> str:
    exe = shutil.which(os.environ.get("AFDAEK_TESSERACT", "tesseract")) or "tesseract"
    with tempfile.TemporaryDirectory(prefix="afdaek-ocr-") as tmp:
        image = os.path.join(tmp, "side.png")
        with open(image, "wb") as fh:
            fh.write(image_png)
        try:
            out = subprocess.run(
                [exe, image, "stdout", "-l", LANGUAGE],
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
        except subprocess.TimeoutExpired:
            raise InputError(
                where, f"OCR-læsningen tog over {TIMEOUT_SECONDS} sekunder for én side og blev stoppet"
            ) from None
        except OSError as exc:
            raise InputError(where, f"Tesseract kan ikke startes ({exc.strerror})") from None
    if out.returncode != 0:
        raise InputError(where, "Tesseract kunne ikke læse billedet (er det et gyldigt billede?)")
    return out.stdout.decode("utf-8", "replace").replace("\r\n", "\n").replace("\f", "").strip()


def ocr_pdf(where: str, data: bytes) -> list[str]:
    """The text of each page of a PDF without a text layer, read by OCR."""
    if not available():
        raise _need_tools(where, "PDF'en er scannet (den har kun billeder, ingen tekst)")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise InputError(
                where,
                f"den scannede PDF har {len(pdf)} sider; afdaek OCR-læser "
                f"højst {MAX_OCR_PAGES} sider pr. fil – del den op",
            )
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                image = page.render(scale=DPI / 72).to_pil()
            finally:
                page.close()
            buf = io.BytesIO()
            image.convert("L").save(buf, format="PNG")
            texts.append(_run(where, buf.getvalue()))
    finally:
        pdf.close()
    if not any(t.strip() for t in texts):
        raise InputError(where, "OCR fandt ingen tekst i den scannede PDF")
    return texts


def ocr_image(where: str, data: bytes) -> str:
    """The text of an image of a letter (PNG, JPEG, TIFF), read by OCR."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            img.verify()
    except Exception:  # noqa: BLE001 - Pillow raises many types for a broken image
        raise InputError(where, "billedet er beskadiget eller ikke et billede") from None
    if not available():
        raise _need_tools(where, "filen er et billede (fx et scannet brev)")
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        frames = []
        for index in range(min(getattr(img, "n_frames", 1), MAX_OCR_PAGES)):
            img.seek(index)
            buf = io.BytesIO()
            img.convert("L").save(buf, format="PNG")
            frames.append(_run(where, buf.getvalue()))
    text = "\n\f\n".join(frames)
    if not text.strip():
        raise InputError(where, "OCR fandt ingen tekst i billedet")
    return text
