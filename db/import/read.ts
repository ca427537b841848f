/**
 * Reading an imported file into rows of text cells: CSV (UTF-8 with or without BOM, or
 * Windows-1252 as Excel saves it; comma, semicolon or tab) and XLSX (the first visible worksheet the caller can use).
 * Every problem with the file itself is a DomainError('invalid_argument') with a sentence the
 * assistant can act on, never a crash.
 */
import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { DomainError } from '../errors';
import { dateCellText } from './dates';

/** One record of the file: `row` is its number as the user sees it (the header is usually row 1). */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface ReadTable {
  format: 'csv' | 'xlsx';
  /** CSV only: how the bytes were decoded. */
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | null;
  /** CSV only: the delimiter found. */
  delimiter: ',' | ';' | '\t' | null;
  /** XLSX only: the worksheet read. */
  sheet: string | null;
  /** Every non-blank record, header included, in file order. */
  rows: SheetRow[];
}

export const fileError = (message: string) => new DomainError('invalid_argument', message);

const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);
const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm']);

/**
 * Reads the bytes of `fileName` as a table of text cells.
 * The format is decided by the content (an XLSX is a ZIP archive) and must agree with the name's
 * extension; blank records are dropped but keep their place in the row numbering.
 * @param usable XLSX: whether a sheet's rows are what the caller can read; the first visible sheet
 *   that is, else the first visible sheet with something in it.
 * @throws DomainError('invalid_argument') for an empty, binary, corrupt or unsupported file.
 */
export async function readTable(fileName: string, bytes: Uint8Array, usable?: (rows: SheetRow[]) => boolean): Promise<ReadTable> {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (bytes.length === 0) throw fileError(`"${fileName}" is empty.`);
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isOle = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (isOle || extension === 'xls') {
    throw fileError(`"${fileName}" is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx or CSV, then import that.`);
  }
  if (XLSX_EXTENSIONS.has(extension) || (isZip && !TEXT_EXTENSIONS.has(extension))) {
    if (!isZip) throw fileError(`"${fileName}" is not a valid XLSX workbook (it may be damaged or renamed): save it again from Excel, or as CSV.`);
    if (!XLSX_EXTENSIONS.has(extension)) throw fileError(`"${fileName}" is not a CSV or XLSX file: only those can be imported.`);
    return readXlsx(fileName, bytes, usable);
  }
  if (!TEXT_EXTENSIONS.has(extension)) throw fileError(`"${fileName}" is not a CSV or XLSX file: only those can be imported.`);
  return readCsv(fileName, bytes);
}

/**
 * UTF-16 when the bytes open with its byte order mark; else UTF-8 when they are valid UTF-8 (a BOM
 * is dropped), else Windows-1252, the code page Excel uses for "CSV" in Western European Windows.
 * Text in Windows-1252 with accents is practically never valid UTF-8 by accident.
 */
function decode(bytes: Uint8Array): { text: string; encoding: NonNullable<ReadTable['encoding']> } {
  // Excel's "Unicode Text" is UTF-16 with a byte order mark
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Characters of a CSV the delimiter is guessed from. */
const SAMPLE = 1 << 20;

function readCsv(fileName: string, bytes: Uint8Array): ReadTable {
  const { text: raw, encoding } = decode(bytes);
  if (raw.slice(0, 8192).includes('\u0000')) throw fileError(`"${fileName}" is not a text file: only CSV and XLSX files can be imported.`);
  // hand-edited CSVs mix line ends; papaparse guesses one per file
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.trim()) throw fileError(`"${fileName}" is empty.`);
  // papaparse guesses the delimiter from the first 10 rows, but searching them for an absent
  // delimiter scans the whole text for each quoted cell (a third of a second on 10 MB): the
  // guess is made on the first megabyte, which holds those rows in any real file
  const sample = text.length > SAMPLE ? text.slice(0, text.lastIndexOf('\n', SAMPLE) + 1 || SAMPLE) : text;
  const { delimiter: guessed } = Papa.parse<string[]>(sample, { delimitersToGuess: [',', ';', '\t'], preview: 10 }).meta;
  const parsed = Papa.parse<string[]>(text, { delimiter: guessed, skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    throw fileError(`"${fileName}": row ${(broken.row ?? 0) + 1} opens a quoted cell that is never closed; fix the quotes in the file.`);
  }
  const delimiter = parsed.meta.delimiter === ';' ? ';' : parsed.meta.delimiter === '\t' ? '\t' : ',';
  // papaparse's rows become the sheet's, trimmed in place: a large file is not held twice
  const rows: SheetRow[] = [];
  parsed.data.forEach((cells, index) => {
    for (let c = 0; c < cells.length; c++) cells[c] = unescapeFormula(cells[c]!.trim());
    if (cells.some((c) => c !== '')) rows.push({ row: index + 1, cells });
  });
  parsed.data.length = 0;
  return { format: 'csv', encoding, delimiter, sheet: null, rows };
}

/**
 * A cell as written before the export escaped it: a CSV cell that a spreadsheet would take for a
 * formula ("=…", "+41 22…", "- call") is written with a ' before it (db/tables.ts, papaparse's
 * escapeFormulae), which is no part of the text.
 */
function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && '=+-@\t\r'.includes(cell[1]!) ? cell.slice(1) : cell;
}

async function readXlsx(fileName: string, bytes: Uint8Array, usable: (rows: SheetRow[]) => boolean = () => true): Promise<ReadTable> {
  // loaded when a workbook is read or written: exceljs costs ~30 MB and a second at start-up
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw fileError(`"${fileName}" could not be read as an XLSX workbook (it may be damaged): open and save it again in Excel, or save it as CSV.`);
  }
  if (workbook.worksheets.length === 0) throw fileError(`"${fileName}" has no worksheet.`);
  // the first visible sheet the caller can use: a workbook often opens on an empty or a notes sheet
  const visible = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden');
  let firstWithRows: ReadTable | null = null;
  for (const sheet of visible) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value, row.getCell(c).numFmt).trim());
      if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
    });
    if (rows.length === 0) continue;
    const table: ReadTable = { format: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name, rows };
    if (usable(rows)) return table;
    firstWithRows ??= table;
  }
  if (firstWithRows) return firstWithRows;
  return { format: 'xlsx', encoding: null, delimiter: null, sheet: (visible[0] ?? workbook.worksheets[0]!).name, rows: [] };
}

/** The text a cell shows: dates as YYYY-MM-DD (UTC) or as far as their format shows, rich text joined, formulas by their result. */
function cellText(value: ExcelJS.CellValue | undefined, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateCellText(value, numFmt);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const { result, formula } = value as ExcelJS.CellFormulaValue;
    // a workbook saved without the formula's result (written by a program, never opened in Excel):
    // the formula itself, which then reads as no date or State, never as a blank cell
    if (result === undefined || result === null) return formula ? `=${formula}` : '';
    return cellText(result as ExcelJS.CellValue, numFmt);
  }
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return '';
}
