/**
 * A table of rows to a CSV or XLSX file, for colleagues who work in Excel: the one writer behind
 * every export (the requests list, the cooperation indicators).
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** A cell: text, a number, or empty. Dates stay partial ISO text ("2019", "2019-03"): a spreadsheet date would invent a day. */
export type Cell = string | number | null;

export interface Column<R> {
  header: string;
  /** Width in characters, for XLSX. */
  width: number;
  value: (row: R) => Cell;
}

export interface Table<R> {
  /** The sheet's name in XLSX (at most 31 characters, as Excel allows). */
  sheet: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
}

export const MIME_TYPES = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Writes a table as a file.
 * @param format csv: UTF-8 with a BOM so that Excel reads accents right, comma-separated, CRLF;
 *   cells that a spreadsheet would take for a formula are escaped. xlsx: one sheet, bold frozen
 *   header row, column widths, a filter on the header.
 * @param baseName the file name without its extension.
 */
export async function writeTable<R>(table: Table<R>, format: 'csv' | 'xlsx', baseName: string): Promise<ExportedFile> {
  const fileName = `${baseName}.${format}`;
  const cells = table.rows.map((r) => table.columns.map((c) => c.value(r)));
  if (format === 'csv') {
    const text = Papa.unparse(
      { fields: table.columns.map((c) => c.header), data: cells.map((row) => row.map((v) => v ?? '')) },
      { newline: '\r\n', escapeFormulae: true },
    );
    return { fileName, mimeType: MIME_TYPES.csv, bytes: new TextEncoder().encode(`\uFEFF${text}\r\n`) };
  }

  // loaded when a workbook is read or written: exceljs costs ~30 MB and a second at start-up
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Country Visits';
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of cells) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  const buffer = await workbook.xlsx.writeBuffer();
  return { fileName, mimeType: MIME_TYPES.xlsx, bytes: new Uint8Array(buffer as ArrayBuffer) };
}
