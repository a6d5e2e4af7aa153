import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Role } from '@newsarchive/core';
import type { TokenRecord, TokenStore } from './types.ts';
import { cached, nowIso } from './journal.ts';
import { writeIfFree } from './write-lock.ts';

const PREFIX = 'na_';

/**
 * Tokens are 192 random bits, so a plain SHA-256 is a sound way to store them: there is no
 * low-entropy secret for a slow hash to protect, and lookups stay a single indexed read.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const toRecord = (r: TokenRow): TokenRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export function createTokenStore(db: Database): TokenStore {
  return {
    create(role, name) {
      const token = PREFIX + randomBytes(24).toString('base64url');
      const id = `tok_${randomBytes(6).toString('hex')}`;
      cached(
        db,
        'INSERT INTO tokens (id, name, role, hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(id, name, role, hashToken(token), nowIso());
      return { id, token, role, name };
    },
    list() {
      return (cached(db, 'SELECT * FROM tokens ORDER BY created_at').all() as TokenRow[]).map(
        toRecord,
      );
    },
    revoke(id) {
      return (
        cached(db, 'UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
          nowIso(),
          id,
        ).changes > 0
      );
    },
    verify(token) {
      if (!token.startsWith(PREFIX) || token.length > 200) return null;
      const hash = hashToken(token);
      const row = cached(db, 'SELECT * FROM tokens WHERE hash = ?').get(hash) as
        TokenRow | undefined;
      if (!row || row.revoked_at) return null;
      // The index lookup already matched; compare again in constant time for good measure.
      if (!timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return null;
      // Bookkeeping only: never wait for another process's write lock to note it.
      writeIfFree(db, () =>
        cached(db, 'UPDATE tokens SET last_used_at = ? WHERE id = ?').run(nowIso(), row.id),
      );
      return toRecord({ ...row, last_used_at: nowIso() });
    },
  };
}
