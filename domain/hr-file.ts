// HR file export: the rules for reading an HR system's CSV export (issue 13). Pure: the CSV
// tokenizer is passed in (csv-parse, in the connector and the API; domain/ imports no packages), so
// this module decides encoding, delimiter, date format, columns, row problems and the preview.
// Lines are the file's own line numbers (the header is line 1); `row` counts data rows from 1.
import { HR_FILE_PRESETS, HR_FILE_REQUIRED_ROLES, HR_FILE_ROLES, ROLE_LABELS, normaliseHeader, type HrFilePresetId, type HrFileRole } from './hr-file-presets';

export * from './hr-file-presets';

export const HR_FILE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type HrFileDelimiter = (typeof HR_FILE_DELIMITERS)[number];
/** What the admin may choose; without a choice the file must be UTF-8 (with or without BOM). */
export const HR_FILE_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;
export type HrFileEncoding = (typeof HR_FILE_ENCODINGS)[number];
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'latin1' | 'windows-1252';
export const HR_FILE_DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type HrFileDateFormat = (typeof HR_FILE_DATE_FORMATS)[number];

/** One CSV record as the tokenizer read it: its fields and the line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Splits decoded text into records (quotes, escaped quotes, newlines in quotes); throws CsvSyntaxError. */
export type CsvTokenizer = (text: string, delimiter: HrFileDelimiter) => CsvRecord[];

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** True when the text ended inside a quoted value (a file cut short). */
    readonly unterminatedQuote: boolean,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export type HrFileErrorCode = 'EMPTY' | 'ENCODING' | 'DELIMITER' | 'SYNTAX' | 'TRUNCATED' | 'MISSING_COLUMN' | 'DUPLICATE_COLUMN' | 'DATE_FORMAT';

/** The file cannot be used at all (nothing of it is believed); the message names the line / column. */
export class HrFileError extends Error {
  constructor(
    readonly code: HrFileErrorCode,
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'HrFileError';
  }
}

/** A problem of one row (the row is skipped, the rest of the file is used). */
export interface HrFileProblem {
  row: number;
  line: number;
  column: string | null;
  message: string;
}

export interface HrFileSettings {
  preset?: HrFilePresetId;
  delimiter?: HrFileDelimiter;
  encoding?: HrFileEncoding;
  dateFormat?: HrFileDateFormat;
  /** Role → header of the column, where the file's names differ from the preset's. */
  columns?: Partial<Record<HrFileRole, string>>;
}

export interface HrFileRow {
  row: number;
  line: number;
  /** The row's value of each mapped role; dates as YYYY-MM-DD, blanks as null. */
  fields: Partial<Record<HrFileRole, string | null>>;
  /** Every column by header, as written (trimmed). */
  values: Record<string, string>;
  problems: HrFileProblem[];
}

export interface HrFileReading {
  encoding: DetectedEncoding;
  delimiter: HrFileDelimiter;
  dateFormat: HrFileDateFormat;
  /** True when day and month could not be told apart (DD/MM assumed) and no format was chosen. */
  dateFormatAssumed: boolean;
  header: string[];
  columns: Partial<Record<HrFileRole, string>>;
  rows: HrFileRow[];
  problems: HrFileProblem[];
}

// ---------------------------------------------------------------- encoding

const BOM = [0xef, 0xbb, 0xbf];
/** Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, „, “, –, …); its five undefined bytes stay as they are. */
// prettier-ignore
const CP1252_80_9F: readonly string[] = ['\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f', '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178'];

/** Byte offset of the first byte that is not well-formed UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i; // cut off inside a character
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The file as text. Without a chosen encoding it must be UTF-8 (a BOM is dropped); other bytes
 * (Windows-1252 umlauts, say) are refused naming the line, since guessing would garble names.
 */
export function decodeHrFile(bytes: Uint8Array, chosen?: HrFileEncoding): { text: string; encoding: DetectedEncoding } {
  const hasBom = bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b);
  if (chosen === 'latin1') {
    let text = '';
    for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return { text, encoding: 'latin1' };
  }
  if (chosen === 'windows-1252') {
    let text = '';
    for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
    return { text, encoding: 'windows-1252' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new HrFileError('ENCODING', 'The file is UTF-16 text; export it as UTF-8 (CSV UTF-8), or as Windows-1252 and choose that encoding.', 1);
  }
  const start = hasBom ? 3 : 0;
  const bad = firstInvalidUtf8(bytes, start);
  if (bad >= 0) {
    const line = lineAt(bytes, bad);
    throw new HrFileError(
      'ENCODING',
      `Line ${line} is not UTF-8 text (byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}): the file looks like Windows-1252 or Latin-1 (e.g. an umlaut from Excel). Export it as UTF-8, or choose the encoding "windows-1252" or "latin1".`,
      line,
    );
  }
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(start)), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
}

// ---------------------------------------------------------------- delimiter

/** Occurrences of each candidate outside double quotes, per line (quoted newlines join lines). */
function delimiterCounts(text: string, maxLines: number): Record<HrFileDelimiter, number[]> {
  const counts = Object.fromEntries(HR_FILE_DELIMITERS.map((d) => [d, [] as number[]])) as unknown as Record<HrFileDelimiter, number[]>;
  let current = Object.fromEntries(HR_FILE_DELIMITERS.map((d) => [d, 0])) as Record<HrFileDelimiter, number>;
  let quoted = false;
  let lineHasContent = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < maxLines; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || i === text.length - 1)) {
      if (ch !== '\n' && (HR_FILE_DELIMITERS as readonly string[]).includes(ch)) current[ch as HrFileDelimiter]++;
      if (lineHasContent || ch !== '\n') {
        for (const d of HR_FILE_DELIMITERS) counts[d].push(current[d]);
        lines++;
      }
      current = Object.fromEntries(HR_FILE_DELIMITERS.map((d) => [d, 0])) as Record<HrFileDelimiter, number>;
      lineHasContent = false;
      continue;
    }
    if (ch !== '\r' && ch !== '\n') lineHasContent = true;
    if (!quoted && (HR_FILE_DELIMITERS as readonly string[]).includes(ch)) current[ch as HrFileDelimiter]++;
  }
  return counts;
}

/**
 * The delimiter the file uses: the candidate found in the header that every one of the first lines
 * has as often (`;` from German Excel, `,`, tab, `|`); else the one the header has most of.
 */
export function detectDelimiter(text: string): HrFileDelimiter | null {
  const counts = delimiterCounts(text, 20);
  let best: HrFileDelimiter | null = null;
  let bestScore = 0;
  for (const d of HR_FILE_DELIMITERS) {
    const [header = 0, ...rest] = counts[d];
    if (header === 0) continue;
    const consistent = rest.every((n) => n === header);
    const score = header + (consistent ? 1000 : 0);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return best;
}

export const delimiterName = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);

// ---------------------------------------------------------------- dates

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?$/;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function calendarDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A date as YYYY-MM-DD; null for a blank; undefined for a value that is not a date in this format. */
export function parseHrFileDate(value: string, format: HrFileDateFormat): string | null | undefined {
  const v = value.trim();
  if (v === '') return null;
  let m: RegExpExecArray | null;
  switch (format) {
    case 'YYYY-MM-DD':
      m = ISO.exec(v);
      return m ? calendarDate(+m[1], +m[2], +m[3]) : undefined;
    case 'DD.MM.YYYY':
      m = DOTTED.exec(v);
      return m ? calendarDate(+m[3], +m[2], +m[1]) : undefined;
    case 'DD/MM/YYYY':
      m = SLASHED.exec(v);
      return m ? calendarDate(+m[3], +m[2], +m[1]) : undefined;
    case 'MM/DD/YYYY':
      m = SLASHED.exec(v);
      return m ? calendarDate(+m[3], +m[1], +m[2]) : undefined;
  }
}

/**
 * The date format of the values (blanks ignored): the family most of them are written in; for
 * slashes, MM/DD/YYYY only when a second part above 12 proves it (and no first part does), else
 * DD/MM/YYYY, `assumed` when nothing told the two apart. A chosen format is taken as it is.
 */
export function detectDateFormat(values: readonly string[], chosen?: HrFileDateFormat): { format: HrFileDateFormat; assumed: boolean } {
  if (chosen) return { format: chosen, assumed: false };
  let iso = 0;
  let dotted = 0;
  let slashed = 0;
  let firstAbove12 = false;
  let secondAbove12 = false;
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    if (ISO.test(v)) iso++;
    else if (DOTTED.test(v)) dotted++;
    else {
      const m = SLASHED.exec(v);
      if (!m) continue;
      slashed++;
      if (+m[1] > 12) firstAbove12 = true;
      if (+m[2] > 12) secondAbove12 = true;
    }
  }
  if (iso === 0 && dotted === 0 && slashed === 0) return { format: 'YYYY-MM-DD', assumed: false };
  if (iso >= dotted && iso >= slashed) return { format: 'YYYY-MM-DD', assumed: false };
  if (dotted >= slashed) return { format: 'DD.MM.YYYY', assumed: false };
  if (firstAbove12 && secondAbove12) {
    throw new HrFileError('DATE_FORMAT', 'The dates mix DD/MM/YYYY and MM/DD/YYYY (some have a day above 12 first, others second): choose the date format (dateFormat).');
  }
  if (secondAbove12) return { format: 'MM/DD/YYYY', assumed: false };
  return { format: 'DD/MM/YYYY', assumed: !firstAbove12 };
}

// ---------------------------------------------------------------- columns

/**
 * Role → header: the admin's names first (each must be in the header), then the preset's usual
 * names (case, spaces, dashes and underscores ignored). A required role without a column fails.
 */
export function resolveColumns(header: readonly string[], settings: Pick<HrFileSettings, 'preset' | 'columns'> = {}): Partial<Record<HrFileRole, string>> {
  const preset = HR_FILE_PRESETS[settings.preset ?? 'generic'];
  const byName = new Map<string, string>();
  const seen = new Map<string, number>();
  header.forEach((h) => {
    const key = normaliseHeader(h);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (!byName.has(key)) byName.set(key, h);
  });
  const columns: Partial<Record<HrFileRole, string>> = {};
  for (const role of HR_FILE_ROLES) {
    const named = settings.columns?.[role];
    if (named !== undefined) {
      const found = byName.get(normaliseHeader(named));
      if (!found) {
        throw new HrFileError('MISSING_COLUMN', `The file has no column "${named}" (named for the ${ROLE_LABELS[role]}); line 1 has: ${header.map((h) => `"${h}"`).join(', ')}.`, 1, named);
      }
      columns[role] = found;
      continue;
    }
    const found = preset.columns[role].map((n) => byName.get(normaliseHeader(n))).find((h) => h !== undefined);
    if (found) columns[role] = found;
  }
  const missing = HR_FILE_REQUIRED_ROLES.filter((r) => columns[r] === undefined);
  if (missing.length) {
    const role = missing[0];
    const expected = preset.columns[role].map((n) => `"${n}"`).join(', ');
    throw new HrFileError(
      'MISSING_COLUMN',
      `The file has no column for the ${ROLE_LABELS[role]} (looked for ${expected} in line 1)${missing.length > 1 ? `, nor for the ${missing.slice(1).map((r) => ROLE_LABELS[r]).join(', ')}` : ''}. Add it to the export, or name the column in columns.${role}.`,
      1,
      preset.columns[role][0] ?? role,
    );
  }
  for (const [role, h] of Object.entries(columns) as [HrFileRole, string][]) {
    if ((seen.get(normaliseHeader(h)) ?? 0) > 1) {
      throw new HrFileError('DUPLICATE_COLUMN', `Line 1 has the column "${h}" (the ${ROLE_LABELS[role]}) more than once; the file must name each column once.`, 1, h);
    }
  }
  return columns;
}

const DATE_ROLES: readonly HrFileRole[] = ['hireDate', 'leavingDate'];

// ---------------------------------------------------------------- the whole file

/**
 * Reads a whole export. Throws HrFileError when the file cannot be believed at all (encoding, no
 * delimiter, a syntax error, a last line cut short, a missing required column); every other
 * problem belongs to its row (wrong column count, no id, an id twice, a date that is not one).
 */
export function readHrFile(bytes: Uint8Array, settings: HrFileSettings, tokenize: CsvTokenizer): HrFileReading {
  const { text, encoding } = decodeHrFile(bytes, settings.encoding);
  if (text.trim() === '') throw new HrFileError('EMPTY', 'The file is empty: it must start with a header line naming the columns.', 1);
  const detected = detectDelimiter(text);
  const delimiter = settings.delimiter ?? detected;
  if (!delimiter) {
    throw new HrFileError('DELIMITER', 'Line 1 has no column delimiter ("," ";" tab "|"): the file has a single column. Export it as CSV with one of these delimiters.', 1);
  }
  // Exports end each line with a line break, the last one too: a file that stops without one was cut
  // in the middle of its last line (a value cut short still parses, and the rows after it would read as removals).
  if (!/[\r\n]$/.test(text)) {
    const lastLine = text.split(/\r\n|\n|\r/).length;
    throw new HrFileError('TRUNCATED', `The file does not end with a line break after line ${lastLine}: it looks cut short (an incomplete upload or transfer). Nothing of it was used; deliver the whole export.`, lastLine);
  }
  let records: CsvRecord[];
  try {
    records = tokenize(text, delimiter).filter((r) => !(r.fields.length === 1 && r.fields[0].trim() === ''));
  } catch (err) {
    if (err instanceof CsvSyntaxError) {
      if (err.unterminatedQuote) {
        throw new HrFileError('TRUNCATED', `The file ends inside a quoted value that starts on line ${err.line}: it looks cut short (an incomplete upload or transfer). Nothing of it was used.`, err.line);
      }
      throw new HrFileError('SYNTAX', `Line ${err.line} is not valid CSV: ${err.message}`, err.line);
    }
    throw err;
  }
  if (records.length === 0) throw new HrFileError('EMPTY', 'The file is empty: it must start with a header line naming the columns.', 1);
  const header = records[0].fields.map((h) => h.trim());
  if (header.length < 2) {
    const hint = detected && detected !== delimiter ? ` The file seems to use ${delimiterName(detected)}.` : '';
    throw new HrFileError('DELIMITER', `With the delimiter ${delimiterName(delimiter)} line 1 has a single column ("${header[0] ?? ''}").${hint} Choose the delimiter the file uses.`, 1);
  }
  const columns = resolveColumns(header, settings);
  const data = records.slice(1);
  const last = data.at(-1);
  if (last && last.fields.length < header.length && data.length > 0) {
    throw new HrFileError(
      'TRUNCATED',
      `The last line (${last.line}) has ${last.fields.length} of the header's ${header.length} columns: the file looks cut short (an incomplete upload or transfer). Nothing of it was used.`,
      last.line,
    );
  }
  const dateFormat = detectDateFormat(
    data.flatMap((r) => DATE_ROLES.filter((role) => columns[role] !== undefined).map((role) => r.fields[header.indexOf(columns[role]!)] ?? '')),
    settings.dateFormat,
  );
  const rows: HrFileRow[] = [];
  const problems: HrFileProblem[] = [];
  const firstLineOfId = new Map<string, number>();
  data.forEach((record, i) => {
    const row = i + 1;
    const rowProblems: HrFileProblem[] = [];
    const problem = (column: string | null, message: string) => rowProblems.push({ row, line: record.line, column, message });
    const values: Record<string, string> = {};
    header.forEach((h, k) => {
      if (!(h in values)) values[h] = (record.fields[k] ?? '').trim();
    });
    if (record.fields.length !== header.length) {
      problem(null, `Line ${record.line} has ${record.fields.length} columns, the header ${header.length} (a ${delimiterName(delimiter)} inside a value that is not quoted?).`);
    }
    const fields: Partial<Record<HrFileRole, string | null>> = {};
    for (const [role, h] of Object.entries(columns) as [HrFileRole, string][]) {
      const raw = values[h] ?? '';
      if (DATE_ROLES.includes(role)) {
        const date = parseHrFileDate(raw, dateFormat.format);
        if (date === undefined) problem(h, `Line ${record.line}, column "${h}": "${raw}" is not a date in the format ${dateFormat.format}.`);
        fields[role] = date ?? null;
      } else {
        fields[role] = raw === '' ? null : raw;
      }
    }
    const id = fields.employeeId;
    const idColumn = columns.employeeId!;
    if (!id) problem(idColumn, `Line ${record.line}, column "${idColumn}": the employee id is empty.`);
    else if (firstLineOfId.has(id)) problem(idColumn, `Line ${record.line}, column "${idColumn}": the employee id "${id}" is also on line ${firstLineOfId.get(id)}; each employee must be listed once.`);
    else firstLineOfId.set(id, record.line);
    rows.push({ row, line: record.line, fields, values, problems: rowProblems });
    problems.push(...rowProblems);
  });
  return { encoding, delimiter, dateFormat: dateFormat.format, dateFormatAssumed: dateFormat.assumed, header, columns, rows, problems };
}

export interface HrFilePreview {
  encoding: DetectedEncoding;
  delimiter: HrFileDelimiter;
  dateFormat: HrFileDateFormat;
  dateFormatAssumed: boolean;
  header: string[];
  columns: Partial<Record<HrFileRole, string>>;
  rowCount: number;
  rows: { row: number; line: number; fields: Partial<Record<HrFileRole, string | null>>; problems: HrFileProblem[] }[];
  /** Every problem of the file (at most `maxProblems`), each naming its line and column. */
  problems: HrFileProblem[];
  problemCount: number;
}

/** The first rows as the sync would read them, and every problem, for the admin to check the mapping. */
export function previewHrFile(reading: HrFileReading, rows = 10, maxProblems = 100): HrFilePreview {
  return {
    encoding: reading.encoding,
    delimiter: reading.delimiter,
    dateFormat: reading.dateFormat,
    dateFormatAssumed: reading.dateFormatAssumed,
    header: reading.header,
    columns: reading.columns,
    rowCount: reading.rows.length,
    rows: reading.rows.slice(0, rows).map((r) => ({ row: r.row, line: r.line, fields: r.fields, problems: r.problems })),
    problems: reading.problems.slice(0, maxProblems),
    problemCount: reading.problems.length,
  };
}
