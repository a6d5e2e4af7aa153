import type { DuplicateSuggestion, RegistryActor } from '@newsarchive/core';
import { useEffect, useState } from 'react';
import { actorSuggestions, markDistinct } from '../api.ts';
import { useDataVersion } from '../data-version.ts';
import { plural } from '../format.ts';

const WHY: Record<DuplicateSuggestion['reason'], string> = {
  'middle-initial': 'the same name with a middle initial',
  initial: 'an initial for the first name',
  'part-of-name': 'part of the fuller name',
  article: 'the same name with or without “Al”',
};

/**
 * The registry's suggestions of actors that are likely one ("Antony J. Blinken" → "Antony
 * Blinken"): one click merges (with the registry's confirm-free Undo), or dismisses the pair
 * for good. A merge teaches extraction the spelling, so the pair does not come back.
 */
export function DuplicateSuggestions({
  onMerge,
  onError,
}: {
  onMerge: (from: RegistryActor, into: RegistryActor) => Promise<boolean>;
  onError: (message: string) => void;
}) {
  const version = useDataVersion();
  const [items, setItems] = useState<DuplicateSuggestion[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    actorSuggestions(controller.signal).then(setItems, () => {
      if (!controller.signal.aborted) setItems([]);
    });
    return () => controller.abort();
  }, [version]);

  if (!items || items.length === 0) return null;
  const key = (s: DuplicateSuggestion) => `${s.actor.id}|${s.duplicateOf.id}`;
  const drop = (s: DuplicateSuggestion) => setItems(items.filter((x) => key(x) !== key(s)));
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Possible duplicates ({items.length})</h2>
      <ul className="duplicate-list">
        {items.map((s) => (
          <li key={key(s)} className="duplicate-row">
            <span>
              <strong>{s.actor.name}</strong>{' '}
              <span className="hint">({plural(s.actor.articles, 'article', 'articles')})</span> may
              be <strong>{s.duplicateOf.name}</strong>{' '}
              <span className="hint">
                ({plural(s.duplicateOf.articles, 'article', 'articles')}; {WHY[s.reason]})
              </span>
            </span>
            <span className="row-actions">
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                aria-label={`Merge ${s.actor.name} into ${s.duplicateOf.name}`}
                onClick={async () => {
                  setBusy(key(s));
                  if (await onMerge(s.actor, s.duplicateOf)) drop(s);
                  setBusy(null);
                }}
              >
                Merge
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy !== null}
                aria-label={`${s.actor.name} and ${s.duplicateOf.name} are different`}
                onClick={async () => {
                  setBusy(key(s));
                  try {
                    await markDistinct(s.actor.id, s.duplicateOf.id);
                    drop(s);
                  } catch {
                    onError('That answer could not be saved.');
                  }
                  setBusy(null);
                }}
              >
                Not the same
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
