import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { SourceFormat } from '@newsarchive/core';
import { decodeBytes } from './decode.ts';
import { boundedLines } from './lines.ts';
import { readHtml, readMarkdown, readTxt } from './readers/documents.ts';
import { readDocx } from './readers/docx.ts';
import { looksLikeFactivaXml, readFactiva } from './readers/factiva-layouts.ts';
import { readFeed } from './readers/feed.ts';
import { readWarc, readWarcPage, WARC_EXTENSIONS } from './readers/warc.ts';
import { readRtf } from './readers/press.ts';
import type { FieldMapping } from './fields.ts';
import {
  readCsv,
  readJson,
  readNdjson,
  readNdjsonLine,
  RecordMapper,
} from './readers/structured.ts';
import { DEFAULT_MAX_BYTES } from './types.ts';
import type { ReadOptions, ReadResult } from './types.ts';

const BY_EXTENSION: Record<string, SourceFormat | 'xml'> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
  '.rss': 'rss',
  '.atom': 'atom',
  '.xml': 'xml',
  '.docx': 'docx',
  '.rtf': 'rtf',
};

/** Files that travel with a collection but are not articles (skipped in directory walks). */
const PROJECT_FILE =
  /^(?:readme|licen[cs]e|notice|copying|changelog|contributing|authors|upstream-licen[cs]e)(?:[._-].*)?$/i;

/** A file the reader will open: its absolute path and how it was named. */
export interface SourceFile {
  path: string;
  /** True when found by walking a directory (unknown kinds are then skipped, not sniffed). */
  walked: boolean;
}

/**
 * The format of a text, from its name and, when the name does not settle it, its first bytes:
 * `<rss` / `<feed` / `<html`, `{` or `[` (JSON, several `{` lines: NDJSON), `---` (frontmatter).
 */
export function detectFormat(path: string, text: string): SourceFormat {
  const byExt = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExt && byExt !== 'xml' && byExt !== 'rss' && byExt !== 'atom') return byExt;
  const head = text.slice(0, 2048).trimStart();
  if (looksLikeFactivaXml(head)) return 'xml';
  if (/^\{\\rtf/.test(head)) return 'rtf';
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<rss\b/i.test(head) || /<rdf:RDF\b/i.test(head))
    return 'rss';
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<feed\b/i.test(head)) return 'atom';
  if (byExt === 'rss' || byExt === 'atom') return byExt;
  if (/^(?:<!doctype html|<html\b|<head\b|<body\b|<article\b)/i.test(head)) return 'html';
  if (byExt === 'xml') return /<entry[\s>]/i.test(head) ? 'atom' : 'rss';
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const lines = text.split('\n', 3).filter((l) => l.trim());
    return lines.length >= 2 && lines[1]!.trimStart().startsWith('{') ? 'ndjson' : 'json';
  }
  if (/^---\r?\n/.test(head)) return 'md';
  return 'txt';
}

/** Reads one decoded text in the given format. */
export function readText(
  text: string,
  format: SourceFormat,
  origin: string,
  mapping?: FieldMapping,
): ReadResult[] {
  switch (format) {
    case 'txt':
      return readTxt(text, origin);
    case 'md':
      return readMarkdown(text, origin);
    case 'html':
      return readHtml(text, origin);
    case 'json':
      return readJson(text, origin, mapping);
    case 'ndjson':
      return readNdjson(text, origin, mapping);
    case 'csv':
      return readCsv(text, origin, mapping);
    case 'rss':
    case 'atom':
      return readFeed(text, origin, format);
    case 'rtf':
      return readRtf(text, origin);
    case 'xml':
      return readFactiva(text, 'xml', origin, 'xml');
    case 'docx':
    case 'warc':
      return [
        {
          kind: 'error',
          error: {
            source: origin,
            reason: `a ${format.toUpperCase()} file is read from its bytes, not as text`,
          },
        },
      ];
  }
}

function walk(dir: string, out: SourceFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push({ path: p, walked: true });
  }
}

export type Expanded =
  | { kind: 'files'; files: SourceFile[] }
  | { kind: 'stdin' }
  | { kind: 'error'; source: string; reason: string };

/**
 * Why a path that exists as a symbolic link cannot be followed (a loop, a missing target), or
 * null. existsSync says false for both, which read as "no such file".
 */
function brokenLink(path: string): string | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
  } catch {
    return null;
  }
  try {
    statSync(path);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'symbolic link loop: the link leads back to itself';
    if (code === 'ENOENT') return 'broken symbolic link: its target does not exist';
    return `symbolic link cannot be followed (${code ?? (err as Error).message})`;
  }
}

/** Expands command-line inputs: files, directories (recursive), globs and `-`. */
export function expandInputs(inputs: string[], cwd: string = process.cwd()): Expanded[] {
  return inputs.map((input): Expanded => {
    if (input === '-') return { kind: 'stdin' };
    const abs = resolve(cwd, input);
    const broken = brokenLink(abs);
    if (broken) return { kind: 'error', source: input, reason: broken };
    if (existsSync(abs)) {
      const st = statSync(abs);
      if (st.isDirectory()) {
        const files: SourceFile[] = [];
        walk(abs, files);
        return { kind: 'files', files };
      }
      return { kind: 'files', files: [{ path: abs, walked: false }] };
    }
    if (isDynamicPattern(input)) {
      const matches = globSync(input, { cwd, absolute: true, onlyFiles: true, dot: false }).sort();
      if (matches.length === 0)
        return { kind: 'error', source: input, reason: 'no files match this pattern' };
      return { kind: 'files', files: matches.map((path) => ({ path, walked: false })) };
    }
    return { kind: 'error', source: input, reason: 'no such file or directory' };
  });
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** Reads one file: size cap, decoding, format detection, then its reader. */
export function readFile(file: SourceFile, options: ReadOptions = {}): ReadResult[] {
  const cwd = options.cwd ?? process.cwd();
  const origin = relative(cwd, file.path) || file.path;
  const ext = extname(file.path).toLowerCase();
  if (file.walked && !options.format && ext && !(ext in BY_EXTENSION)) {
    return [{ kind: 'skipped', source: origin, reason: `not an article file (${ext})` }];
  }
  if (file.walked && PROJECT_FILE.test(basename(file.path))) {
    return [
      {
        kind: 'skipped',
        source: origin,
        reason: 'a README, licence or notice file, not an article',
      },
    ];
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    size = statSync(file.path).size;
  } catch (err) {
    return [
      {
        kind: 'error',
        error: { source: origin, reason: `cannot read: ${(err as Error).message}` },
      },
    ];
  }
  if (size > maxBytes) {
    return [
      {
        kind: 'error',
        error: {
          source: origin,
          reason: `file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} size limit`,
        },
      },
    ];
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.path);
  } catch (err) {
    return [
      {
        kind: 'error',
        error: { source: origin, reason: `cannot read: ${(err as Error).message}` },
      },
    ];
  }
  // A Word document is a zip: read from its bytes, never decoded as text.
  if ((options.format ?? BY_EXTENSION[ext]) === 'docx') return readDocx(bytes, origin);
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return [{ kind: 'skipped', source: origin, reason: decoded.reason }];
  const format = options.format ?? detectFormat(file.path, decoded.text);
  const warning: ReadResult[] = decoded.warning
    ? [{ kind: 'error', error: { source: origin, reason: decoded.warning } }]
    : [];
  try {
    return [...readText(decoded.text, format, origin, options.mapping), ...warning];
  } catch (err) {
    // A reader bug must not stop the run; the file is reported.
    return [
      {
        kind: 'error',
        error: { source: origin, reason: `could not read as ${format}: ${(err as Error).message}` },
      },
    ];
  }
}

/** NDJSON from a stream, line by line (`-` on the command line). */
async function* readStdin(
  stream: NodeJS.ReadableStream,
  options: ReadOptions,
): AsyncGenerator<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const mapper = new RecordMapper('stdin', 'ndjson', options.mapping);
  for await (const next of boundedLines(stream as AsyncIterable<Buffer | string>, maxBytes)) {
    const line = next.line;
    if (next.overLong) {
      yield {
        kind: 'error',
        error: {
          source: 'stdin',
          line,
          reason: `line is over the ${formatBytes(maxBytes)} size limit; skipped`,
        },
      };
      continue;
    }
    const t = line === 1 ? next.text.replace(/^\ufeff/, '') : next.text;
    if (options.format && options.format !== 'ndjson') {
      yield {
        kind: 'error',
        error: { source: 'stdin', line, reason: `stdin is read as NDJSON, not ${options.format}` },
      };
      return;
    }
    const r = readNdjsonLine(t, 'stdin', line, mapper);
    if (r) yield r;
  }
  // A stream is stored as it comes, so a mapped column that never came is reported at its end.
  yield mapper.columns();
}

/**
 * Every article in the inputs, in order, with errors and skips in between. Never throws for bad
 * input: an unreadable file, a broken line or item becomes an `error` result naming it.
 */
export async function* readSources(
  inputs: string[],
  options: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  yield* readExpanded(expandInputs(inputs, options.cwd ?? process.cwd()), options);
}

/** `readSources` over inputs already expanded (so a caller can count the files first). */
export async function* readExpanded(
  expanded: Expanded[],
  options: ReadOptions = {},
): AsyncGenerator<ReadResult> {
  const cwd = options.cwd ?? process.cwd();
  for (const entry of expanded) {
    if (entry.kind === 'error') {
      yield { kind: 'error', error: { source: entry.source, reason: entry.reason } };
    } else if (entry.kind === 'stdin') {
      const stream = options.stdin ?? process.stdin;
      yield* readStdin(stream, options);
    } else {
      for (const file of entry.files) {
        if (isWarc(file, options)) yield* readWarcFile(file, { ...options, cwd });
        else yield* readFile(file, { ...options, cwd });
      }
    }
  }
}

/** A web archive: named `.warc` / `.warc.gz`, or said to be one with `--format warc`. */
export function isWarc(file: SourceFile, options: Pick<ReadOptions, 'format'> = {}): boolean {
  return options.format === 'warc' || WARC_EXTENSIONS.test(file.path);
}

/** A WARC file's articles, read here (async: the records come from a stream). */
async function* readWarcFile(file: SourceFile, options: ReadOptions): AsyncGenerator<ReadResult> {
  const origin = relative(options.cwd ?? process.cwd(), file.path) || file.path;
  for await (const item of readWarc(file.path, origin, options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    if (item.kind === 'page') yield* readWarcPage(item.page);
    else if (item.kind === 'skipped') yield item;
    else yield { kind: 'error', error: item.error };
  }
}
