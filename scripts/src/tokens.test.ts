import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '@newsarchive/archive';
import { inProcess } from './in-process.ts';
import { main } from './tokens.ts';

const root = resolve(import.meta.dirname, '..', '..');
let dir: string;
let db: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokens-cli-'));
  db = join(dir, 'archive.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run tokens -- ...` in this process, on a real archive file (see in-process.ts). */
const tokens = (...args: string[]) => inProcess('tokens', main, args, { ARCHIVE_DB: db });

/** `npm run tokens -- ...` as a user runs it: a real process (the smoke test). */
function tokensProcess(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'src', 'tokens.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ARCHIVE_DB: db },
      timeout: 60_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run tokens', () => {
  it('creates a token shown once, stored hashed, listable and revocable', async () => {
    const made = await tokens('create', '--role', 'librarian', '--name', 'Ada Librarian', '--json');
    expect(made.code).toBe(0);
    const token = JSON.parse(made.stdout) as {
      id: string;
      token: string;
      role: string;
      name: string;
    };
    expect(Object.keys(token).sort()).toEqual(['id', 'name', 'role', 'token']);
    expect(token).toMatchObject({ role: 'librarian', name: 'Ada Librarian' });

    const archive = openArchive({ path: db });
    try {
      expect(archive.tokens.verify(token.token)?.id).toBe(token.id);
      const raw = archive.db.prepare('SELECT * FROM tokens').all();
      expect(JSON.stringify(raw)).not.toContain(token.token);
    } finally {
      archive.close();
    }

    const listed = await tokens('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(token.id);
    expect(listed.stdout).toContain('librarian');
    expect(listed.stdout).not.toContain(token.token);

    expect((await tokens('revoke', token.id)).code).toBe(0);
    const again = openArchive({ path: db });
    try {
      expect(again.tokens.verify(token.token)).toBeNull();
    } finally {
      again.close();
    }
    expect((await tokens('revoke', token.id)).code).toBe(1);
    const after = JSON.parse((await tokens('list', '--json')).stdout) as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(after.find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
  });

  it('prints the bare token without --json', async () => {
    const made = await tokens('create', '--role', 'ingest', '--name', 'feed bot');
    expect(made.code).toBe(0);
    expect(made.stdout.split('\n')[0]).toMatch(/^na_[A-Za-z0-9_-]{20,}$/);
  });

  it('prints help (exit 0) and exits 2 on usage errors', async () => {
    const help = tokensProcess('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run tokens');
    for (const args of [
      [],
      ['create', '--role', 'admin', '--name', 'x'],
      ['create', '--role', 'librarian'],
      ['frobnicate'],
      ['revoke'],
      ['create', '--bogus'],
    ]) {
      const r = await tokens(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('--help');
    }
  });
});
