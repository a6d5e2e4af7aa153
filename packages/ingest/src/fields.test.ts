import { describe, expect, it } from 'vitest';
import { fieldMappingFrom, looksLikeFileName, mapRecord, missingColumns } from './fields.ts';
import { readCsv, readJson, readNdjson } from './readers/structured.ts';

/** A row as a press-database export saved as CSV gives it (columns named as Nexis Uni names them). */
const nexisRow = {
  source: 'Files (100)/export_01.docx',
  text: 'The harbour board met on Tuesday.\n\nIt approved the new quay.',
  title: 'Harbour board approves quay',
  journal: 'The Coastal Herald',
  date: 'October 18, 2023',
  classification: 'Subject: PORTS (92%)',
};

function mapped(record: unknown, mapping = {}) {
  const r = mapRecord(record, 'csv', 'export.csv', 2, mapping);
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('recognised column names', () => {
  it('takes journal as the outlet and never the file name in source', () => {
    const r = mapped(nexisRow);
    expect(r.raw.outlet).toBe('The Coastal Herald');
    expect(r.raw.sourceLabel).toBeNull();
    expect(r.raw.body).toContain('harbour board');
    expect(r.columns).toEqual({ title: 'title', body: 'text', outlet: 'journal', date: 'date' });
  });

  it.each([
    ['Newspaper', 'outlet'],
    ['Publication Name', 'outlet'],
    ['publication', 'outlet'],
    ['Source Name', 'outlet'],
    ['Pub Date', 'date'],
    ['Publication Date', 'date'],
    ['Headline', 'title'],
    ['Article Text', 'body'],
    ['Full Text', 'body'],
  ])('knows "%s" as the %s', (column, field) => {
    const r = mapped({ [column]: field === 'date' ? '2023-10-18' : 'Some value here', note: 'x' });
    expect(r.columns[field as 'outlet']).toBe(column);
  });

  it('never takes a file name or path as the outlet, from any column', () => {
    for (const value of [
      'export_01.docx',
      'C:\\Users\\me\\Nexis\\batch.txt',
      '/home/me/exports/',
      'results.PDF',
      'page.html',
      'table.csv',
    ]) {
      const r = mapped({ outlet: value, source: value, body: 'Text.' });
      expect(r.raw.outlet, value).toBeNull();
      expect(r.raw.sourceLabel, value).toBeNull();
      expect(r.columns.outlet, value).toBeUndefined();
    }
    // A file-name outlet column gives way to the next recognised one.
    expect(mapped({ source: 'a.docx', newspaper: 'Daily Lantern', body: 'x' }).raw.outlet).toBe(
      'Daily Lantern',
    );
  });

  it('keeps outlet names that merely contain a dot or a slash', () => {
    for (const name of ['AP/Reuters', 'Yahoo! News', 'nytimes.com', 'St. Louis Post-Dispatch'])
      expect(looksLikeFileName(name), name).toBe(false);
  });
});

describe('field mapping', () => {
  it('takes a mapped field from its column only, and that column feeds nothing else', () => {
    const record = { source: 'Wire Desk', text: 'Short summary.', content: 'The long body.' };
    const r = mapped(record, { outlet: 'source', body: 'content' });
    expect(r.raw.outlet).toBe('Wire Desk');
    expect(r.raw.sourceLabel).toBeNull();
    expect(r.raw.body).toBe('The long body.');
    expect(r.columns).toEqual({ outlet: 'source', body: 'content' });
  });

  it('matches the mapped column ignoring case, spaces and punctuation', () => {
    expect(
      mapped({ 'Pub Name': 'Daily Lantern', body: 'x' }, { outlet: 'pub_name' }).raw.outlet,
    ).toBe('Daily Lantern');
  });

  it('rejects an unknown field, an empty column and a field mapped twice, naming them', () => {
    expect(fieldMappingFrom([['outlet', 'journal']])).toEqual({
      ok: true,
      mapping: { outlet: 'journal' },
    });
    const unknown = fieldMappingFrom([['journal', 'outlet']]);
    expect(unknown.ok || unknown.reason).toMatch(/unknown field "journal" \(fields: title, body/);
    const empty = fieldMappingFrom([['body', ' ']]);
    expect(empty.ok || empty.reason).toMatch(/field "body" is mapped to no column/);
    const twice = fieldMappingFrom([
      ['body', 'text'],
      ['body', 'content'],
    ]);
    expect(twice.ok || twice.reason).toMatch(/mapped twice \("text" and "content"\)/);
  });

  it('names the mapped columns a file lacks', () => {
    expect(missingColumns({ outlet: 'journal', body: 'Text' }, ['Journal', 'title'])).toEqual([
      'Text',
    ]);
  });
});

describe('readers report the columns per file', () => {
  const csv =
    'source,text,title,journal,date\nexport_01.docx,"Body one.",One,Coastal Herald,2023-10-18\n';

  it('csv: which column fed which field', () => {
    const results = readCsv(csv, 'export.csv');
    expect(results.at(-1)).toEqual({
      kind: 'columns',
      source: 'export.csv',
      fields: { title: 'title', body: 'text', outlet: 'journal', date: 'date' },
      missing: [],
    });
  });

  it('csv: a mapped column the header lacks fails the file, naming the column and the header', () => {
    const results = readCsv(csv, 'export.csv', { body: 'full_text' });
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({
      kind: 'error',
      error: {
        source: 'export.csv',
        line: 1,
        reason: expect.stringMatching(
          /lacks the column "full_text" \(mapped to body\).*\(columns: source, text, title, journal, date\)/,
        ),
      },
    });
    expect(results[1]).toMatchObject({ kind: 'columns', missing: ['full_text'] });
  });

  it('json and ndjson: a mapped key no item has fails the file; one item lacking it is fine', () => {
    const items = [{ paper: 'Daily Lantern', body: 'One.' }, { body: 'Two.' }];
    const ok = readJson(JSON.stringify(items), 'a.json', { outlet: 'paper' });
    expect(ok.filter((r) => r.kind === 'article')).toHaveLength(2);
    expect(ok.at(-1)).toMatchObject({ kind: 'columns', fields: { outlet: 'paper', body: 'body' } });
    const bad = readNdjson(items.map((i) => JSON.stringify(i)).join('\n'), 'a.ndjson', {
      outlet: 'journal',
    });
    expect(bad[0]).toMatchObject({
      kind: 'error',
      error: {
        reason: expect.stringMatching(/no line has the column "journal" \(mapped to outlet\)/),
      },
    });
    expect(bad.some((r) => r.kind === 'article')).toBe(false);
  });
});
