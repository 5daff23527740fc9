"""The Excel appendix beside a report: every value behind the report's shortened tables.

A report shows the few rows and periods an udvalg reads; the appendix holds all of them, one
sheet per table, each headed by its title and source line. Aggregates only, with the same small
-cell rule as the report (person counts 1-4 are written as "<5" by the context builders). The
file is written like every file from the store: 0600, renamed into place when complete, never
over a file afdaek did not write (store.outputs.write_output).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.outputs import write_output

SMALL_CELL_NOTE = "Antal personer mellem 1 og 4 vises som <5."
MAX_WIDTH = 45


def appendix_path(report: str | Path) -> Path:
    """rapport_drift.docx → rapport_drift_bilag.xlsx in the same folder."""
    report = Path(report)
    return report.with_name(f"{report.stem}_bilag.xlsx")


def _save(path: Path, sheets: list[dict[str, Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = ""  # no tool name in what the udvalg opens (issue 14)
    wb.properties.lastModifiedBy = ""
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for sheet in sheets:
        ws = wb.create_sheet(str(sheet["navn"])[:31])
        ws.append([sheet["titel"]])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([sheet.get("kilde", "")])
        ws.append([SMALL_CELL_NOTE])
        for cell in (ws["A2"], ws["A3"]):
            cell.font = Font(italic=True, size=9)
        ws.append([])
        ws.append(list(sheet["kolonner"]))
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [len(str(c)) for c in sheet["kolonner"]]
        for row in sheet["raekker"]:
            ws.append(list(row))
            for i, value in enumerate(row):
                widths[i] = max(widths[i], len(str(value)) if value is not None else 1)
        for row in ws.iter_rows(min_row=header_row + 1):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0" if cell.value.is_integer() else "#,##0.0"
                elif isinstance(cell.value, int):
                    cell.number_format = "#,##0"
                elif cell.value == "<5":
                    cell.alignment = Alignment(horizontal="right")
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(row=header_row, column=i).column_letter].width = min(
                MAX_WIDTH, width + 2
            )
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        ws.auto_filter.ref = f"A{header_row}:{ws.cell(row=ws.max_row, column=len(widths)).coordinate}"
    wb.save(str(path))


def write_appendix(path: str | Path, sheets: list[dict[str, Any]]) -> Path:
    """Write the sheets (navn, titel, kilde, kolonner, raekker) as an .xlsx at path (0600)."""
    return write_output(path, lambda tmp: _save(tmp, sheets), suffixes=(".xlsx",))
