// HR file export rules (domain/hr-file.ts) with the product's CSV tokenizer (csv-parse).
import { csvTokenizer } from '../../connectors/hr-file-export/csv';
import { decodeHrFile, detectDateFormat, detectDelimiter, HrFileError, parseHrFileDate, previewHrFile, readHrFile, resolveColumns, type HrFileSettings } from '../../domain/hr-file';

const utf8 = (s: string) => new TextEncoder().encode(s);
const read = (text: string | Uint8Array, settings: HrFileSettings = {}) => readHrFile(typeof text === 'string' ? utf8(text) : text, settings, csvTokenizer);
const failure = (fn: () => unknown): HrFileError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HrFileError) return err;
    throw err;
  }
  throw new Error('expected an HrFileError');
};

const HELIX = ['Personalnummer;Vorname;Name;E-Mail Büro;Eintrittsdatum;Austrittsdatum;Mandantnummer;Anzahl Kinder', '1001;Anna;Müller;anna@x.de;01.04.2020;;10;2', '1002;Ben;Schulz;ben@x.de;15.01.2019;31.01.2027;10;0', ''].join('\r\n');

describe('encoding', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeHrFile(utf8('Vorname\nJörg'))).toEqual({ text: 'Vorname\nJörg', encoding: 'utf-8' });
    expect(decodeHrFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Vorname\nJörg')]))).toEqual({ text: 'Vorname\nJörg', encoding: 'utf-8-bom' });
  });
  it('refuses Windows-1252 bytes naming the line, unless the admin chose that encoding', () => {
    const bytes = new Uint8Array([...utf8('ID;Vorname\n1;J'), 0xf6, ...utf8('rg\n')]); // ö in Windows-1252
    const err = failure(() => decodeHrFile(bytes));
    expect(err).toMatchObject({ code: 'ENCODING', line: 2 });
    expect(err.message).toMatch(/^Line 2 is not UTF-8 text \(byte 0xF6\).*windows-1252/);
    expect(decodeHrFile(bytes, 'windows-1252').text).toBe('ID;Vorname\n1;Jörg\n');
    expect(decodeHrFile(bytes, 'latin1').text).toBe('ID;Vorname\n1;Jörg\n');
    expect(decodeHrFile(new Uint8Array([0x80]), 'windows-1252').text).toBe('€'); // where Latin-1 and Windows-1252 differ
  });
  it('refuses a character cut off at the end and UTF-16', () => {
    expect(failure(() => decodeHrFile(new Uint8Array([...utf8('a\nb'), 0xc3]))).line).toBe(2);
    expect(failure(() => decodeHrFile(new Uint8Array([0xff, 0xfe, 0x41, 0]))).message).toMatch(/UTF-16/);
  });
});

describe('delimiter', () => {
  it.each([
    [',', 'a,b,c\n1,2,3'],
    [';', 'a;b;c\n1;"2;5";3'],
    ['\t', 'a\tb\n1\t2'],
    ['|', 'a|b\n1|2'],
    [';', 'Name;Betrag\nX;1,5\nY;2,75'], // commas in values, semicolons between them
  ])('detects %j', (d, text) => expect(detectDelimiter(text)).toBe(d));
  it('refuses a file read with the wrong delimiter, naming the one it seems to use', () => {
    const err = failure(() => read(HELIX, { delimiter: ',' }));
    expect(err).toMatchObject({ code: 'DELIMITER', line: 1 });
    expect(err.message).toMatch(/With the delimiter "," line 1 has a single column.*seems to use ";"/);
  });
  it('refuses a single-column file', () => expect(failure(() => read('just text\nmore\n')).code).toBe('DELIMITER'));
});

describe('dates', () => {
  it('parses each format into YYYY-MM-DD and rejects impossible dates', () => {
    expect(parseHrFileDate('2026-02-28', 'YYYY-MM-DD')).toBe('2026-02-28');
    expect(parseHrFileDate('2026-02-28T00:00:00Z', 'YYYY-MM-DD')).toBe('2026-02-28');
    expect(parseHrFileDate('1.2.2026', 'DD.MM.YYYY')).toBe('2026-02-01');
    expect(parseHrFileDate('01/02/2026', 'DD/MM/YYYY')).toBe('2026-02-01');
    expect(parseHrFileDate('01/02/2026', 'MM/DD/YYYY')).toBe('2026-01-02');
    expect(parseHrFileDate('31.02.2026', 'DD.MM.YYYY')).toBeUndefined();
    expect(parseHrFileDate('2026-02-28', 'DD.MM.YYYY')).toBeUndefined();
    expect(parseHrFileDate('  ', 'DD.MM.YYYY')).toBeNull();
  });
  it('detects the format; MM/DD/YYYY only when a value proves it', () => {
    expect(detectDateFormat(['2020-01-31', ''])).toEqual({ format: 'YYYY-MM-DD', assumed: false });
    expect(detectDateFormat(['31.01.2020'])).toEqual({ format: 'DD.MM.YYYY', assumed: false });
    expect(detectDateFormat(['31/01/2020', '01/02/2020'])).toEqual({ format: 'DD/MM/YYYY', assumed: false });
    expect(detectDateFormat(['01/31/2020', '01/02/2020'])).toEqual({ format: 'MM/DD/YYYY', assumed: false });
    expect(detectDateFormat(['01/02/2020'])).toEqual({ format: 'DD/MM/YYYY', assumed: true });
    expect(detectDateFormat(['01/02/2020'], 'MM/DD/YYYY')).toEqual({ format: 'MM/DD/YYYY', assumed: false });
    expect(failure(() => detectDateFormat(['13/01/2020', '01/13/2020'])).code).toBe('DATE_FORMAT');
  });
});

describe('columns', () => {
  it('finds the Perbility Helix columns by the preset, and the admin’s names first', () => {
    const header = ['Personalnummer', 'Vorname', 'Name', 'E-Mail Büro', 'Eintrittsdatum', 'Austrittsdatum', 'Mandantnummer', 'Anzahl Kinder'];
    expect(resolveColumns(header, { preset: 'perbility-helix' })).toMatchObject({ employeeId: 'Personalnummer', lastName: 'Name', email: 'E-Mail Büro', leavingDate: 'Austrittsdatum', legalEntityId: 'Mandantnummer', numberOfChildren: 'Anzahl Kinder' });
    expect(resolveColumns(['ID', 'first name', 'LAST_NAME', 'email', 'Leaving date'])).toMatchObject({ employeeId: 'ID', firstName: 'first name', lastName: 'LAST_NAME', leavingDate: 'Leaving date' });
    expect(resolveColumns([...header, 'Ende'], { preset: 'perbility-helix', columns: { leavingDate: 'Ende' } }).leavingDate).toBe('Ende');
  });
  it('refuses a missing required column, naming it and the setting to use', () => {
    const err = failure(() => read('Personalnummer;Vorname;Name;E-Mail Büro\n1;A;B;a@x.de\n', { preset: 'perbility-helix' }));
    expect(err).toMatchObject({ code: 'MISSING_COLUMN', line: 1, column: 'Austrittsdatum' });
    expect(err.message).toMatch(/no column for the leaving date \(looked for "Austrittsdatum".*columns\.leavingDate/);
    const named = failure(() => read(HELIX, { preset: 'perbility-helix', columns: { numberOfChildren: 'Kinder gesamt' } }));
    expect(named).toMatchObject({ code: 'MISSING_COLUMN', column: 'Kinder gesamt' });
  });
  it('refuses a mapped column named twice', () => {
    expect(failure(() => read('ID;Vorname;Nachname;E-Mail;Austrittsdatum;ID\n1;a;b;c;;1\n')).code).toBe('DUPLICATE_COLUMN');
  });
});

describe('a whole file', () => {
  it('reads a Helix export: encoding, delimiter, date format, mapped rows', () => {
    const reading = read(HELIX, { preset: 'perbility-helix' });
    expect(reading).toMatchObject({ encoding: 'utf-8', delimiter: ';', dateFormat: 'DD.MM.YYYY', problems: [] });
    expect(reading.rows.map((r) => [r.line, r.fields.employeeId, r.fields.leavingDate, r.fields.lastName])).toEqual([
      [2, '1001', null, 'Müller'],
      [3, '1002', '2027-01-31', 'Schulz'],
    ]);
    expect(reading.rows[0].values['Anzahl Kinder']).toBe('2');
  });
  it('names each row problem with its row, line and column: invalid date, duplicate id, empty id, wrong column count', () => {
    const text = ['ID,Vorname,Nachname,E-Mail,Austrittsdatum', '1,A,B,a@x.de,2026-13-01', '"2","Multi', 'line",B,b@x.de,', '1,C,D,c@x.de,', ',E,F,e@x.de,', '5,G,H,g@x.de,,extra', '6,I,J,i@x.de,', ''].join('\n');
    const reading = read(text);
    expect(reading.problems).toEqual([
      { row: 1, line: 2, column: 'Austrittsdatum', message: 'Line 2, column "Austrittsdatum": "2026-13-01" is not a date in the format YYYY-MM-DD.' },
      { row: 3, line: 5, column: 'ID', message: 'Line 5, column "ID": the employee id "1" is also on line 2; each employee must be listed once.' },
      { row: 4, line: 6, column: 'ID', message: 'Line 6, column "ID": the employee id is empty.' },
      { row: 5, line: 7, column: null, message: 'Line 7 has 6 columns, the header 5 (a "," inside a value that is not quoted?).' },
    ]);
    expect(reading.rows[1].fields.firstName).toBe('Multi\nline');
  });
  it('refuses a file whose last line is cut, or that ends inside a quote', () => {
    expect(failure(() => read(`${HELIX}1003;Cem;Kaya;cem@x\n`, { preset: 'perbility-helix' }))).toMatchObject({ code: 'TRUNCATED', line: 4 });
    expect(failure(() => read(`${HELIX}1003;"Cem`, { preset: 'perbility-helix' }))).toMatchObject({ code: 'TRUNCATED', line: 4 });
  });
  it('refuses a file that stops without its final line break, even when the cut leaves every column (a value cut short)', () => {
    const whole = `${HELIX}1003;Cem;Kaya;cem@x.de;01.02.2024;31.12.2026;7;12\r\n`;
    expect(() => read(whole, { preset: 'perbility-helix' })).not.toThrow();
    const cut = whole.slice(0, whole.length - 3); // "…;1" left: every column there, the number of children cut from 12 to 1
    expect(failure(() => read(cut, { preset: 'perbility-helix' }))).toMatchObject({ code: 'TRUNCATED', line: 4 });
    expect(failure(() => read(cut, { preset: 'perbility-helix' })).message).toMatch(/does not end with a line break after line 4: it looks cut short/);
  });
  it('refuses an empty file', () => expect(failure(() => read('\r\n')).code).toBe('EMPTY'));
  it('previews the first rows and every problem', () => {
    const preview = previewHrFile(read(HELIX.replace('31.01.2027', '31.1.27'), { preset: 'perbility-helix' }), 1);
    expect(preview).toMatchObject({ delimiter: ';', encoding: 'utf-8', dateFormat: 'DD.MM.YYYY', rowCount: 2, problemCount: 1 });
    expect(preview.rows).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ row: 2, line: 3, column: 'Austrittsdatum' });
  });
});
