import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { webBuildIsStale } from './web-build.ts';

const dir = mkdtempSync(join(tmpdir(), 'web-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start builds the web UI only when it must', () => {
  it('builds when there is no built UI', () => {
    expect(webBuildIsStale(join(dir, 'none'))).toBe(true);
  });

  it('builds when a source is newer than the built UI, and not otherwise', () => {
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    const index = join(dist, 'index.html');
    writeFileSync(index, '<!doctype html>');
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(index, old, old);
    expect(webBuildIsStale(dist)).toBe(true);
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(index, future, future);
    expect(webBuildIsStale(dist)).toBe(false);
  });
});
