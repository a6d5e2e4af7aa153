import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import type { ActorMention, ExtractedArticle } from '@newsarchive/core';
import { main } from './actors.ts';
import { inProcess } from './in-process.ts';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;
let db: string;

function article(id: string, actors: ActorMention[]): ExtractedArticle {
  return {
    id,
    url: null,
    title: `Article ${id}`,
    titleDerived: false,
    body: `Body of ${id}.`,
    outlet: null,
    byline: null,
    publishedAt: null,
    actors,
    collections: [],
    source: { format: 'txt', origin: `${id}.txt`, line: null },
    fingerprint: { contentHash: id, minhash: [] },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'actors-cli-'));
  db = join(dir, 'archive.db');
  const archive = openArchive({ path: db });
  archive.upsertArticles([
    article('a1', [{ name: 'Benjamin Netanyahu', type: 'person', id: 'benjamin-netanyahu' }]),
    article('a2', [
      { name: 'Bibi', type: 'person' },
      { name: 'Asian News Makers', type: 'organization' },
    ]),
  ]);
  archive.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run actors -- ...` in this process, on a real archive file (see in-process.ts). */
const actors = (...args: string[]) => inProcess('actors', main, ['--db', db, ...args], {});

/** `npm run actors -- ...` as a user runs it: a real process (the smoke test). */
function actorsProcess(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'src', 'actors.ts'), '--db', db, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run actors', () => {
  it('prints help and refuses bad usage with exit 2', async () => {
    const help = actorsProcess('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('merge FROM... --into ID');
    expect((await actors()).code).toBe(2);
    expect((await actors('frobnicate')).code).toBe(2);
    expect((await actors('merge', 'bibi')).code).toBe(2);
    expect((await actors('list', '--type', 'planet')).code).toBe(2);
    expect((await actors('alias', 'bibi')).code).toBe(2);
  });

  it('lists, merges, renames, aliases and deletes, with the audit trail in the archive', async () => {
    const listed = await actors('list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((a) => a.id).sort()).toEqual([
      'asian-news-makers',
      'benjamin-netanyahu',
      'bibi',
    ]);

    expect(
      (await actors('merge', 'bibi', '--into', 'benjamin-netanyahu', '--as', 'Ada')).code,
    ).toBe(0);
    expect((await actors('rename', 'benjamin-netanyahu', 'Binyamin Netanyahu')).stdout).toContain(
      'Binyamin Netanyahu',
    );
    expect((await actors('alias', 'benjamin-netanyahu', '--add', 'Netanyahu')).code).toBe(0);
    expect((await actors('delete', 'asian-news-makers')).code).toBe(0);
    const missing = await actors('delete', 'asian-news-makers');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no actor');

    const archive = openArchive({ path: db });
    try {
      expect(archive.getArticle('a2')!.actors).toEqual([
        { id: 'benjamin-netanyahu', name: 'Binyamin Netanyahu', type: 'person' },
      ]);
      expect(archive.actors.get('benjamin-netanyahu')!.aliases).toEqual(
        expect.arrayContaining(['Bibi', 'Netanyahu', 'Benjamin Netanyahu']),
      );
      const actions = archive
        .history('actor', 'benjamin-netanyahu')
        .map((e) => `${e.who}:${e.action}`);
      // Newest first.
      expect(actions).toEqual(['cli:actor.update', 'cli:actor.update', 'Ada:actor.merge']);
      expect(archive.history('actor', 'asian-news-makers').map((e) => e.action)).toEqual([
        'actor.delete',
      ]);
    } finally {
      archive.close();
    }
  });
});
