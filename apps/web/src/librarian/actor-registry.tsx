import type { ActorType, RegistryActor } from '@newsarchive/core';
import { useEffect, useRef, useState } from 'react';
import {
  ApiRequestError,
  deleteActor,
  listActors,
  mergeActors,
  patchActor,
  unmergeActor,
} from '../api.ts';
import { useSession } from '../auth.ts';
import { dataChanged, useDataVersion } from '../data-version.ts';
import { plural } from '../format.ts';
import { Link } from '../router.tsx';
import { DuplicateSuggestions } from './duplicate-suggestions.tsx';
import { EMPTY_SEARCH, searchHref } from '../url-state.ts';

const PAGE = 50;
const TYPES: ActorType[] = ['person', 'organization', 'state', 'group'];

function messageOf(err: unknown): string {
  return err instanceof ApiRequestError ? err.message : 'The change could not be saved.';
}

/** The actor registry for librarians: find, rename, retype, merge aliases into one, delete. */
export default function ActorRegistry() {
  const session = useSession();
  const version = useDataVersion();
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<RegistryActor[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  // Kept by id with what the list showed, so a selection survives a new search: the spellings
  // of one actor rarely turn up under one search.
  const [selected, setSelected] = useState<Map<string, RegistryActor>>(new Map());
  const [into, setInto] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The last merge, for its Undo: the ids merged away and the survivor's name.
  const [lastMerge, setLastMerge] = useState<{ from: RegistryActor[]; into: string } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  useEffect(() => {
    document.title = 'Actors — newsarchive';
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    const t = setTimeout(() => {
      listActors({ q: q.trim() || undefined, limit }, controller.signal).then(
        (r) => {
          setRows(r.actors);
          setHasMore(r.hasMore);
        },
        (err: unknown) => {
          if (!controller.signal.aborted) setStatus({ kind: 'error', text: messageOf(err) });
        },
      );
    }, 150);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [q, limit, version]);

  if (!session) {
    return (
      <div className="empty-state">
        <h1>Actors</h1>
        <p>Sign in as a librarian (top right) to manage the actor registry.</p>
      </div>
    );
  }

  const run = async (work: () => Promise<unknown>, done: string) => {
    setStatus(null);
    setLastMerge(null);
    try {
      const result = await work();
      // Show the API's answer at once; the refetch that dataChanged() starts confirms it.
      if (result && typeof result === 'object' && 'id' in result) {
        const updated = result as RegistryActor;
        setRows((rs) => rs?.map((r) => (r.id === updated.id ? updated : r)) ?? rs);
      }
      setStatus({ kind: 'ok', text: done });
      dataChanged();
      return true;
    } catch (err) {
      setStatus({ kind: 'error', text: messageOf(err) });
      return false;
    }
  };

  const chosen = [...selected.values()];
  const target = chosen.find((r) => r.id === into) ?? chosen[0];
  const merged = target ? chosen.filter((c) => c.id !== target.id) : [];
  const select = (actor: RegistryActor, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(actor.id, actor);
    else next.delete(actor.id);
    setSelected(next);
    setConfirming(false);
  };
  const mergeInto = async (from: RegistryActor[], into: RegistryActor): Promise<boolean> => {
    const ok = await run(
      () => mergeActors({ from: from.map((c) => c.id), into: into.id }),
      `Merged ${from.map((c) => c.name).join(', ')} into ${into.name}.`,
    );
    if (ok) setLastMerge({ from, into: into.name });
    return ok;
  };
  const merge = async () => {
    if (!target) return;
    if (await mergeInto(merged, target)) {
      setSelected(new Map());
      setConfirming(false);
    }
  };
  const undoMerge = async (m: { from: RegistryActor[]; into: string }) => {
    await run(
      async () => {
        for (const f of m.from) await unmergeActor(f.id);
      },
      `Undone: ${m.from.map((c) => c.name).join(', ')} ${m.from.length === 1 ? 'is' : 'are'} separate from ${m.into} again.`,
    );
  };

  return (
    <div className="registry">
      <h1>Actors</h1>
      <p className="hint">
        Merge spellings of one actor (“Netanyahu”, “Benjamin Netanyahu”) into one; the others become
        its aliases and every article follows. Select them across searches, then merge.
      </p>
      <div className="registry-tools">
        <label className="field grow">
          <span>Find by name or alias</span>
          <input
            type="search"
            value={q}
            onChange={(e) => (setQ(e.target.value), setLimit(PAGE))}
            autoComplete="off"
          />
        </label>
      </div>
      <p className={`status-line ${status?.kind ?? ''}`} role="status">
        {status?.text ?? '\u00a0'}
        {lastMerge && status?.kind === 'ok' && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => void undoMerge(lastMerge)}>
              Undo merge
            </button>
          </>
        )}
      </p>
      <DuplicateSuggestions
        onMerge={(from, into) => mergeInto([from], into)}
        onError={(text) => setStatus({ kind: 'error', text })}
      />
      {chosen.length > 0 && target && (
        <form
          className="merge-bar"
          aria-label="Merge selected actors"
          onSubmit={(e) => {
            e.preventDefault();
            if (confirming) void merge();
            else setConfirming(true);
          }}
        >
          <ul className="chips" aria-label="Selected for merging">
            {chosen.map((c) => (
              <li key={c.id}>
                <span className={`chip chip-${c.type}`}>
                  {c.name}
                  <button
                    type="button"
                    className="chip-x"
                    aria-label={`Unselect ${c.name}`}
                    onClick={() => select(c, false)}
                  >
                    ×
                  </button>
                </span>
              </li>
            ))}
          </ul>
          {chosen.length < 2 ? (
            <span className="hint">Search for another spelling and select it too.</span>
          ) : confirming ? (
            <>
              <p className="merge-confirm">
                Merge{' '}
                {merged
                  .map((c) => `${c.name} (${plural(c.articles, 'article', 'articles')})`)
                  .join(', ')}{' '}
                into <strong>{target.name}</strong> (
                {plural(target.articles, 'article', 'articles')})?{' '}
                {merged.length === 1 ? 'It becomes a spelling' : 'They become spellings'} of{' '}
                {target.name} and {merged.length === 1 ? 'its' : 'their'} articles follow. You can
                undo this.
              </p>
              <button ref={confirmRef} type="submit" className="button">
                Confirm merge
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => setConfirming(false)}
              >
                Back
              </button>
            </>
          ) : (
            <>
              <label>
                Merge {chosen.length} into{' '}
                <select value={target.id} onChange={(e) => setInto(e.target.value)}>
                  {chosen.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button">
                Merge…
              </button>
              <button
                type="button"
                className="button secondary"
                onClick={() => setSelected(new Map())}
              >
                Clear selection
              </button>
            </>
          )}
        </form>
      )}
      {rows === null ? (
        <p className="hint">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="hint">No actor matches.</p>
      ) : (
        <ul className="registry-list">
          {rows.map((a) => (
            <ActorRow
              key={a.id}
              actor={a}
              selected={selected.has(a.id)}
              onSelect={(on) => select(a, on)}
              run={run}
            />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="button secondary" onClick={() => setLimit(limit + PAGE)}>
          Show more
        </button>
      )}
    </div>
  );
}

function ActorRow({
  actor,
  selected,
  onSelect,
  run,
}: {
  actor: RegistryActor;
  selected: boolean;
  onSelect: (on: boolean) => void;
  run: (work: () => Promise<unknown>, done: string) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(actor.name);
  const [type, setType] = useState<ActorType>(actor.type);
  return (
    <li className={`registry-row${selected ? ' selected' : ''}`}>
      <input
        type="checkbox"
        checked={selected}
        aria-label={`Select ${actor.name} for merging`}
        onChange={(e) => onSelect(e.target.checked)}
      />
      {editing ? (
        <form
          className="rename"
          onSubmit={async (e) => {
            e.preventDefault();
            const patch: { name?: string; type?: ActorType } = {};
            if (name.trim() && name.trim() !== actor.name) patch.name = name.trim();
            if (type !== actor.type) patch.type = type;
            if (
              Object.keys(patch).length === 0 ||
              (await run(() => patchActor(actor.id, patch), `Saved ${name.trim()}.`))
            ) {
              setEditing(false);
            }
          }}
        >
          <input
            aria-label="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
          />
          <select
            aria-label="Type"
            value={type}
            onChange={(e) => setType(e.target.value as ActorType)}
          >
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <button type="submit" className="button">
            Save
          </button>
          <button type="button" className="button secondary" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="registry-main">
          <Link href={searchHref({ ...EMPTY_SEARCH, actor: [actor.id] })} className="registry-name">
            {actor.name}
          </Link>{' '}
          <span className={`chip chip-${actor.type} small`}>{actor.type}</span>{' '}
          <span className="hint">{plural(actor.articles, 'article', 'articles')}</span>
          {actor.aliases.length > 0 && (
            <p className="hint small">Also: {actor.aliases.join(' · ')}</p>
          )}
        </div>
      )}
      {!editing && (
        <div className="row-actions">
          <button
            type="button"
            className="link-button"
            onClick={() => setEditing(true)}
            aria-label={`Rename ${actor.name}`}
          >
            Rename
          </button>
          <button
            type="button"
            className="link-button danger"
            aria-label={`Delete ${actor.name}`}
            onClick={() => {
              if (
                window.confirm(
                  `Delete “${actor.name}” from the registry and from ${plural(actor.articles, 'article', 'articles')}?`,
                )
              ) {
                void run(() => deleteActor(actor.id), `Deleted ${actor.name}.`);
              }
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
