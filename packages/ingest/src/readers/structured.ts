import { parse as parseCsvSync } from 'csv-parse/sync';
import { ColumnTally, mapRecord, missingColumns } from '../fields.ts';
import type { FieldMapping } from '../fields.ts';
import type { ReadResult } from '../types.ts';

/**
 * One file's records as they are mapped: which columns fed which field, and which keys occur at
 * all (a mapped column that never occurs is the librarian's mistake, not a field left empty).
 */
export class RecordMapper {
  readonly tally = new ColumnTally();
  private readonly keys = new Set<string>();

  constructor(
    readonly origin: string,
    readonly format: 'json' | 'ndjson' | 'csv',
    readonly mapping: FieldMapping = {},
  ) {}

  map(record: unknown, line: number | null): ReadResult {
    if (record && typeof record === 'object' && !Array.isArray(record))
      for (const k of Object.keys(record)) this.keys.add(k);
    const mapped = mapRecord(record, this.format, this.origin, line, this.mapping);
    if (!mapped.ok && mapped.skipped)
      return {
        kind: 'skipped',
        source: line ? `${this.origin}:${line}` : this.origin,
        reason: mapped.reason,
      };
    if (!mapped.ok)
      return {
        kind: 'error',
        error: { source: this.origin, ...(line ? { line } : {}), reason: mapped.reason },
      };
    this.tally.add(mapped.columns);
    return { kind: 'article', raw: mapped.raw };
  }

  /** The mapped columns none of the records had. */
  missing(): string[] {
    return missingColumns(this.mapping, this.keys);
  }

  columns(missing: string[] = this.missing()): ReadResult {
    return { kind: 'columns', source: this.origin, fields: this.tally.result(), missing };
  }
}

/** The file's results, or, when a mapped column is absent, one error naming it and none of them. */
function finish(mapper: RecordMapper, results: ReadResult[], kind: string): ReadResult[] {
  const missing = mapper.missing();
  if (missing.length === 0) return [...results, mapper.columns(missing)];
  return [
    {
      kind: 'error',
      error: { source: mapper.origin, reason: missingReason(mapper.mapping, missing, kind) },
    },
    mapper.columns(missing),
  ];
}

function missingReason(mapping: FieldMapping, missing: string[], where: string): string {
  const named = missing.map((c) => {
    const field = Object.entries(mapping).find(([, col]) => col === c)?.[0];
    return `"${c}"${field ? ` (mapped to ${field})` : ''}`;
  });
  return `no ${where} has the column ${named.join(', ')}; nothing was read from this file`;
}

/** The line of a JSON.parse error, from the position its message names. */
function jsonErrorLine(text: string, err: unknown): number | undefined {
  const m = /position (\d+)/.exec(String((err as Error).message));
  if (!m) return undefined;
  const pos = Number(m[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function jsonMessage(err: unknown): string {
  return String((err as Error).message)
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

/** `.json`: one article, an array of articles, or an object holding one under articles/items/data. */
export function readJson(text: string, origin: string, mapping?: FieldMapping): ReadResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // A .json file that is really NDJSON is read as such.
    const lines = text.split('\n').filter((l) => l.trim());
    if (lines.length > 1 && lines.every((l) => l.trimStart().startsWith('{')))
      return readNdjson(text, origin, mapping);
    const line = jsonErrorLine(text, err);
    return [
      {
        kind: 'error',
        error: {
          source: origin,
          ...(line ? { line } : {}),
          reason: `invalid JSON: ${jsonMessage(err)}`,
        },
      },
    ];
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const holder = data as Record<string, unknown>;
    for (const key of ['articles', 'items', 'data', 'results', 'entries']) {
      if (Array.isArray(holder[key]) && !('title' in holder) && !('body' in holder)) {
        data = holder[key];
        break;
      }
    }
  }
  if (Array.isArray(data)) {
    if (data.length === 0) return [{ kind: 'skipped', source: origin, reason: 'empty JSON array' }];
    const mapper = new RecordMapper(origin, 'json', mapping);
    return finish(
      mapper,
      data.map((item, i) => mapper.map(item, i + 1)),
      'item',
    );
  }
  const mapper = new RecordMapper(origin, 'json', mapping);
  return finish(mapper, [mapper.map(data, null)], 'item');
}

/** One NDJSON line; blank lines are nothing. */
export function readNdjsonLine(
  lineText: string,
  origin: string,
  line: number,
  mapper: RecordMapper = new RecordMapper(origin, 'ndjson'),
): ReadResult | null {
  const t = lineText.trim();
  if (!t) return null;
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch (err) {
    return {
      kind: 'error',
      error: { source: origin, line, reason: `invalid JSON: ${jsonMessage(err)}` },
    };
  }
  return mapper.map(data, line);
}

/** `.ndjson` / `.jsonl`: an article per line; a broken line is reported with its number. */
export function readNdjson(text: string, origin: string, mapping?: FieldMapping): ReadResult[] {
  const out: ReadResult[] = [];
  const mapper = new RecordMapper(origin, 'ndjson', mapping);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const r = readNdjsonLine(lines[i]!, origin, i + 1, mapper);
    if (r) out.push(r);
  }
  return finish(mapper, out, 'line');
}

class StopParse extends Error {
  constructor(readonly inner: { code?: string; lines?: number; message: string }) {
    super('stop');
  }
}

/**
 * `.csv` with a header row naming the fields. A row with the wrong number of fields or broken
 * quoting is reported with its line number and the rows after it are still read.
 */
/** More columns than any article table has: a header this wide is not an article table. */
export const MAX_CSV_COLUMNS = 1000;

export function readCsv(text: string, origin: string, mapping: FieldMapping = {}): ReadResult[] {
  const out: ReadResult[] = [];
  const allLines = text.split('\n');
  const headerEnd = allLines.findIndex((l) => l.trim() !== '');
  if (headerEnd < 0) return [{ kind: 'skipped', source: origin, reason: 'empty CSV file' }];
  const headerLine = allLines[headerEnd]!.replace(/\r$/, '');
  let columns: string[];
  try {
    columns = (parseCsvSync(headerLine, { bom: true }) as string[][])[0]!.map((c) => c.trim());
  } catch (err) {
    return [
      {
        kind: 'error',
        error: {
          source: origin,
          line: headerEnd + 1,
          reason: `unreadable CSV header: ${(err as Error).message}`,
        },
      },
    ];
  }
  if (columns.length === 0 || columns.every((c) => !c)) {
    return [
      {
        kind: 'error',
        error: { source: origin, line: headerEnd + 1, reason: 'CSV header names no columns' },
      },
    ];
  }
  if (columns.length > MAX_CSV_COLUMNS) {
    return [
      {
        kind: 'error',
        error: {
          source: origin,
          line: headerEnd + 1,
          reason: `CSV header names ${columns.length.toLocaleString('en-US')} columns, more than the ${MAX_CSV_COLUMNS.toLocaleString('en-US')} an article table may have`,
        },
      },
    ];
  }
  const mapper = new RecordMapper(origin, 'csv', mapping);
  const missing = missingColumns(mapping, columns);
  if (missing.length > 0) {
    return [
      {
        kind: 'error',
        error: {
          source: origin,
          line: headerEnd + 1,
          reason: `${missingReason(mapping, missing, 'CSV header').replace(/^no CSV header has/, 'the CSV header lacks')} (columns: ${columns.join(', ')})`,
        },
      },
      mapper.columns(missing),
    ];
  }
  // Parse from a line offset; after broken quoting, start again on the next line.
  let start = headerEnd + 1;
  while (start < allLines.length) {
    const offset = start; // 0-based index of the first line of this chunk in the file
    const chunk = allLines.slice(start).join('\n');
    let lastEnd = 0; // lines of the chunk consumed by complete records
    let restartAt: number | null = null;
    try {
      parseCsvSync(chunk, {
        columns,
        skip_empty_lines: true,
        skip_records_with_error: true,
        info: true,
        raw: true,
        on_record: (rec: {
          record: Record<string, string>;
          info: { lines: number };
          raw: string;
        }) => {
          const endLine = rec.info.lines;
          const rawLines = rec.raw.replace(/\r?\n$/, '').split('\n').length;
          const startLine = offset + endLine - rawLines + 1;
          lastEnd = endLine;
          out.push(mapper.map(rec.record, startLine));
          return null;
        },
        on_skip: (err: { code?: string; lines?: number; message: string } | undefined) => {
          if (!err) return;
          if (
            /RECORD_INCONSISTENT|DONT_MATCH_COLUMNS/.test(err.code ?? '') ||
            /Invalid Record Length/i.test(err.message)
          ) {
            const line = offset + (err.lines ?? lastEnd + 1);
            const m = /got (\d+)/.exec(err.message);
            out.push({
              kind: 'error',
              error: {
                source: origin,
                line,
                reason: `CSV row has ${m ? m[1] : 'a different number of'} fields, the header has ${columns.length}`,
              },
            });
            lastEnd = err.lines ?? lastEnd + 1;
            return;
          }
          throw new StopParse(err);
        },
      } as never);
    } catch (err) {
      const inner =
        err instanceof StopParse
          ? err.inner
          : { message: (err as Error).message, lines: undefined };
      const brokenLine = offset + lastEnd + 1;
      out.push({
        kind: 'error',
        error: {
          source: origin,
          line: brokenLine,
          reason: `broken CSV row: ${inner.message.replace(/\s+/g, ' ').slice(0, 160)}`,
        },
      });
      restartAt = brokenLine; // 1-based line after the broken one == 0-based index of the next
    }
    if (restartAt === null) break;
    start = restartAt;
  }
  // A header and nothing else must not pass unnoticed.
  if (out.length === 0)
    return [{ kind: 'skipped', source: origin, reason: 'CSV file has a header but no rows' }];
  return [...out, mapper.columns([])];
}
