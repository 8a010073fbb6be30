// The CSV tokenizer the domain rules (domain/hr-file.ts) are given: csv-parse, quotes and quoted
// newlines per RFC 4180, a stray quote inside an unquoted value tolerated (12" screens), column
// counts checked by the rules (not here), each record with the line it starts on.
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, type CsvRecord, type CsvTokenizer } from '../../domain/hr-file';

export const csvTokenizer: CsvTokenizer = (text, delimiter) => {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = (parse as unknown as (input: string, options: object) => typeof rows)(text, { delimiter, relax_column_count: true, relax_quotes: true, info: true, skip_empty_lines: false, bom: false });
  } catch (err) {
    const e = err as { code?: string; lines?: number; message: string };
    throw new CsvSyntaxError(e.message.replace(/^[^:]*: /, ''), e.lines ?? 1, e.code === 'CSV_QUOTE_NOT_CLOSED');
  }
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  for (const { record, info } of rows) {
    records.push({ fields: record, line: previousEnd + 1 });
    previousEnd = info.lines;
  }
  return records;
};
