import type { Archive } from '@newsarchive/archive';
import type { SearchEngine } from '@newsarchive/search';

export interface Consistency {
  archiveArticles: number;
  distinctUrls: number;
  integrity: string;
  engineDocuments: number;
  engineVisibleIds: number;
  missingFromEngine: number;
  extraInEngine: number;
  outbox: number;
}

/** Every visible id the engine returns for an empty query, page by page. */
export async function engineIds(engine: SearchEngine): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; page < 10_000; page++) {
    const res = await engine.search({
      q: '',
      outlet: [],
      actor: [],
      excludeOutlet: [],
      excludeActor: [],
      includeHidden: true,
      sort: 'oldest',
      page,
      perPage: 100,
    });
    total = res.totalHits;
    for (const h of res.hits) ids.push(h.id);
    if (res.hits.length < 100 || page >= res.totalPages) break;
  }
  return { ids, total };
}

/** Compares archive and engine: counts, ids, outbox, and SQLite's own integrity check. */
export async function checkConsistency(
  archive: Archive,
  engine: SearchEngine,
): Promise<Consistency> {
  const integrity = (archive.db.pragma('integrity_check') as { integrity_check: string }[])
    .map((r) => r.integrity_check)
    .join('; ');
  const archiveIds = new Set<string>();
  const urls = new Set<string>();
  for (const a of archive.articles({ includeHidden: true })) {
    archiveIds.add(a.id);
    if (a.url) urls.add(a.url);
  }
  await engine.flush?.();
  const { documents } = await engine.stats();
  const { ids } = await engineIds(engine);
  const inEngine = new Set(ids);
  return {
    archiveArticles: archiveIds.size,
    distinctUrls: urls.size,
    integrity,
    engineDocuments: documents,
    engineVisibleIds: inEngine.size,
    missingFromEngine: [...archiveIds].filter((id) => !inEngine.has(id)).length,
    extraInEngine: ids.filter((id) => !archiveIds.has(id)).length,
    outbox: archive.pendingIndexOps(),
  };
}
