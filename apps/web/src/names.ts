import type { ActorType, SearchResponse } from '@newsarchive/core';

/**
 * Names for the ids in the URL. The URL keeps only ids (short, stable links); every search
 * answer teaches us names so a chip for a filter that no longer has hits still reads well.
 */
const outlets = new Map<string, string>();
const actors = new Map<string, { name: string; type: ActorType }>();

export function rememberNames(r: SearchResponse): void {
  for (const o of r.facets.outlet) outlets.set(o.id, o.name);
  for (const a of r.facets.actor) actors.set(a.id, { name: a.name, type: a.type });
  for (const h of r.hits) {
    if (h.outlet) outlets.set(h.outlet.id, h.outlet.name);
    for (const a of h.actors) actors.set(a.id, { name: a.name, type: a.type });
  }
}

export function rememberOutlet(id: string, name: string): void {
  outlets.set(id, name);
}

export function rememberActor(id: string, name: string, type: ActorType): void {
  actors.set(id, { name, type });
}

/** "the-guardian" -> "the guardian" when the name was never seen. */
const fromId = (id: string) => id.replace(/-/g, ' ');

export function outletName(id: string): string {
  return outlets.get(id) ?? fromId(id);
}

export function actorName(id: string): string {
  return actors.get(id)?.name ?? fromId(id);
}
