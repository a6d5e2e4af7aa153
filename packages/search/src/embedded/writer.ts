import type { Database, Statement } from 'better-sqlite3';
import type { SearchDocument } from '@newsarchive/core';
import { unitsOf, type DocRow, type Tables } from './tables.ts';

type StoredRow = DocRow & { rowid: number };

/**
 * Writes documents into one generation's tables, keeping the documents table, the full-text
 * index, the titles index and the units index in step.
 */
export class Writer {
  private readonly find: Statement;
  private readonly insertDoc: Statement;
  private readonly updateDoc: Statement;
  private readonly deleteDoc: Statement;
  private readonly ftsInsert: Statement;
  private readonly ftsDelete: Statement;
  private readonly titleInsert: Statement;
  private readonly titleDelete: Statement;
  private readonly unitInsert: Statement;
  private readonly unitDelete: Statement;
  private readonly putName: Statement;
  /** Names already written by this writer, so unchanged ones cost no write. */
  private readonly knownNames = new Map<string, string>();

  constructor(
    db: Database,
    readonly t: Tables,
  ) {
    this.find = db.prepare(
      `SELECT rowid, title, body, names, facets, hit FROM ${t.docs} WHERE id = ?`,
    );
    this.insertDoc = db.prepare(
      `INSERT INTO ${t.docs} (id, title, body, names, facets, hit) VALUES (@id, @title, @body, @names, @facets, @hit)`,
    );
    this.updateDoc = db.prepare(
      `UPDATE ${t.docs} SET title = @title, body = @body, names = @names, facets = @facets, hit = @hit WHERE rowid = @rowid`,
    );
    this.deleteDoc = db.prepare(`DELETE FROM ${t.docs} WHERE rowid = ?`);
    this.ftsInsert = db.prepare(
      `INSERT INTO ${t.fts} (rowid, title, body, names) VALUES (?, ?, ?, ?)`,
    );
    this.ftsDelete = db.prepare(
      `INSERT INTO ${t.fts} (${t.fts}, rowid, title, body, names) VALUES ('delete', ?, ?, ?, ?)`,
    );
    this.titleInsert = db.prepare(`INSERT INTO ${t.titles} (rowid, title) VALUES (?, ?)`);
    this.titleDelete = db.prepare(
      `INSERT INTO ${t.titles} (${t.titles}, rowid, title) VALUES ('delete', ?, ?)`,
    );
    this.unitInsert = db.prepare(`INSERT INTO ${t.units} (rowid, units) VALUES (?, ?)`);
    this.unitDelete = db.prepare(`DELETE FROM ${t.units} WHERE rowid = ?`);
    this.putName = db.prepare(
      `INSERT INTO ${t.names} (kind, id, name, type) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET name = excluded.name, type = excluded.type
       WHERE name IS NOT excluded.name OR type IS NOT excluded.type`,
    );
  }

  /** Records the outlet and actor names a document carries (the latest spelling wins). */
  names(doc: SearchDocument): void {
    const put = (kind: string, id: string, name: string, type: string | null) => {
      const key = `${kind}:${id}`;
      const value = `${type}\t${name}`;
      if (this.knownNames.get(key) === value) return;
      this.putName.run(kind, id, name, type);
      this.knownNames.set(key, value);
    };
    if (doc.outlet) put('o', doc.outlet.id, doc.outlet.name, null);
    for (const a of doc.actors) put('a', a.id, a.name, a.type);
  }

  /** Upserts one document; returns its rowid, or null when nothing changed. */
  put(row: DocRow): number | null {
    const old = this.find.get(row.id) as StoredRow | undefined;
    if (!old) {
      const rowid = Number(this.insertDoc.run(row).lastInsertRowid);
      this.ftsInsert.run(rowid, row.title, row.body, row.names);
      this.titleInsert.run(rowid, row.title);
      this.putUnits(rowid, row);
      return rowid;
    }
    const textSame = old.title === row.title && old.body === row.body && old.names === row.names;
    if (textSame && old.facets === row.facets && old.hit === row.hit) return null;
    if (!textSame) {
      this.ftsDelete.run(old.rowid, old.title, old.body, old.names);
      this.titleDelete.run(old.rowid, old.title);
      this.unitDelete.run(old.rowid);
    }
    this.updateDoc.run({ ...row, rowid: old.rowid });
    if (!textSame) {
      this.ftsInsert.run(old.rowid, row.title, row.body, row.names);
      this.titleInsert.run(old.rowid, row.title);
      this.putUnits(old.rowid, row);
    }
    return old.rowid;
  }

  private putUnits(rowid: number, row: DocRow): void {
    const units = unitsOf(row);
    if (units) this.unitInsert.run(rowid, units);
  }

  /** Deletes one document; returns its rowid, or null when it was not there. */
  drop(id: string): number | null {
    const old = this.find.get(id) as StoredRow | undefined;
    if (!old) return null;
    this.ftsDelete.run(old.rowid, old.title, old.body, old.names);
    this.titleDelete.run(old.rowid, old.title);
    this.unitDelete.run(old.rowid);
    this.deleteDoc.run(old.rowid);
    return old.rowid;
  }
}
