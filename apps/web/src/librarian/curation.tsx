import type {
  Actor,
  ActorType,
  Article,
  ArticlePatchInput,
  AuditEntry,
  RegistryActor,
} from '@newsarchive/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiRequestError, articleHistory, listActors, patchArticle } from '../api.ts';
import { dataChanged } from '../data-version.ts';
import { plural } from '../format.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { describeEntry, undoPatch } from './history-text.ts';

function messageOf(err: unknown): string {
  if (err instanceof ApiRequestError) {
    const issues = err.issues
      ?.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`)
      .join('; ');
    return issues ? `${err.message} (${issues})` : err.message;
  }
  return 'The change could not be saved.';
}

/**
 * A librarian's tools on an article page, in a panel beside the text: correct fields, actors,
 * visibility; the history in words, each change with an Undo. On a narrow screen the panel sits
 * above the text, folded, so a librarian reads first and opens the tools when needed.
 */
export default function Curation({
  article,
  onChanged,
}: {
  article: Article;
  onChanged: (a: Article) => void;
}) {
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // The change just made, once the history has it: the status line offers to undo it.
  const [lastChange, setLastChange] = useState<AuditEntry | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const wide = useMediaQuery('(min-width: 861px)');
  const [open, setOpen] = useState<boolean | null>(null);
  const expanded = open ?? wide;

  const apply = async (patch: ArticlePatchInput, done: string): Promise<boolean> => {
    setStatus(null);
    setLastChange(null);
    try {
      const updated = await patchArticle(article.id, patch);
      onChanged(updated);
      dataChanged();
      setHistoryKey((k) => k + 1);
      setStatus({ kind: 'ok', text: done });
      articleHistory(article.id).then(
        (entries) => setLastChange(entries[0] ?? null),
        () => {},
      );
      return true;
    } catch (err) {
      setStatus({ kind: 'error', text: messageOf(err) });
      return false;
    }
  };
  const undo = (entry: AuditEntry) => {
    const patch = undoPatch(entry);
    if (patch) void apply(patch, `Undone: ${describeEntry(entry).join('; ')}.`);
  };

  return (
    <section className="curation" aria-labelledby="curation-title">
      <h2 id="curation-title">
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={expanded}
          aria-controls="curation-tools"
          onClick={() => setOpen(!expanded)}
        >
          Librarian tools
        </button>
      </h2>
      <p className={`status-line ${status?.kind ?? ''}`} role="status">
        {status?.text ?? '\u00a0'}
        {status?.kind === 'ok' && lastChange && undoPatch(lastChange) && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => undo(lastChange)}>
              Undo
            </button>
          </>
        )}
      </p>
      <div id="curation-tools" hidden={!expanded}>
        <FieldsForm article={article} apply={apply} />
        <VisibilityForm article={article} apply={apply} />
        <ActorsEditor actors={article.actors} apply={apply} />
        <History id={article.id} refreshKey={historyKey} onUndo={undo} />
      </div>
    </section>
  );
}

type Apply = (patch: ArticlePatchInput, done: string) => Promise<boolean>;

function FieldsForm({ article, apply }: { article: Article; apply: Apply }) {
  const initial = {
    title: article.title,
    outlet: article.outlet?.name ?? '',
    byline: article.byline ?? '',
    publishedAt: article.publishedAt ?? '',
  };
  const [form, setForm] = useState(initial);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm(initial), [article.updatedAt]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch: ArticlePatchInput = {};
    if (form.title.trim() !== initial.title) patch.title = form.title.trim();
    if (form.outlet.trim() !== initial.outlet) patch.outlet = form.outlet.trim() || null;
    if (form.byline.trim() !== initial.byline) patch.byline = form.byline.trim() || null;
    if (form.publishedAt !== initial.publishedAt) patch.publishedAt = form.publishedAt || null;
    if (Object.keys(patch).length === 0) return;
    setBusy(true);
    await apply(patch, 'Saved. Search shows the correction now.');
    setBusy(false);
  };
  const field = (name: keyof typeof form, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        value={form[name]}
        required={name === 'title'}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
    </label>
  );
  return (
    <form className="card-form" onSubmit={submit} aria-label="Correct the article">
      <h3>Correct</h3>
      {field('title', 'Title')}
      {field('outlet', 'Outlet')}
      {field('byline', 'Byline')}
      {field('publishedAt', 'Date', 'date')}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          Save corrections
        </button>
        <button type="button" className="button secondary" onClick={() => setForm(initial)}>
          Undo edits
        </button>
      </div>
    </form>
  );
}

function VisibilityForm({ article, apply }: { article: Article; apply: Apply }) {
  const [reason, setReason] = useState('');
  const hidden = article.status === 'hidden';
  return (
    <form
      className="card-form"
      aria-label={hidden ? 'Restore the article' : 'Hide the article'}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = reason.trim();
        const ok = hidden
          ? await apply(
              r ? { status: 'visible', reason: r } : { status: 'visible' },
              'Restored: readers see it again.',
            )
          : await apply({ status: 'hidden', reason: r }, 'Hidden: readers no longer see it.');
        if (ok) setReason('');
      }}
    >
      <h3>Visibility</h3>
      <p className="hint">
        {hidden
          ? `Hidden from readers${article.hiddenReason ? ` — “${article.hiddenReason}”` : ''}.`
          : 'Visible to everyone.'}
      </p>
      <label className="field">
        <span>{hidden ? 'Note (optional)' : 'Reason for hiding'}</span>
        <input
          value={reason}
          required={!hidden}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <button type="submit" className={`button${hidden ? '' : ' danger'}`}>
        {hidden ? 'Restore' : 'Hide from readers'}
      </button>
    </form>
  );
}

const TYPES: ActorType[] = ['person', 'organization', 'state', 'group'];

function ActorsEditor({ actors, apply }: { actors: Actor[]; apply: Apply }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<ActorType>('person');
  const [suggestions, setSuggestions] = useState<RegistryActor[]>([]);
  useEffect(() => {
    const q = name.trim();
    if (q.length < 2) return setSuggestions([]);
    const controller = new AbortController();
    const t = setTimeout(() => {
      listActors({ q, limit: 6 }, controller.signal).then(
        (r) => setSuggestions(r.actors.filter((a) => !actors.some((x) => x.id === a.id))),
        () => {},
      );
    }, 150);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [name, actors]);

  const add = async (entry: string | { name: string; type: ActorType }, label: string) => {
    if (await apply({ actors: { add: [entry], remove: [] } }, `Added ${label}.`)) setName('');
  };

  return (
    <div className="card-form">
      <h3>Actors</h3>
      {actors.length === 0 ? (
        <p className="hint">No actors.</p>
      ) : (
        <ul className="chips">
          {actors.map((a) => (
            <li key={a.id}>
              <span className={`chip chip-${a.type}`}>
                {a.name}
                <button
                  type="button"
                  className="chip-x"
                  aria-label={`Remove ${a.name}`}
                  onClick={() =>
                    void apply({ actors: { add: [], remove: [a.id] } }, `Removed ${a.name}.`)
                  }
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="add-actor"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (n) void add({ name: n, type }, n);
        }}
      >
        <label className="field">
          <span>Add an actor</span>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>Type (if new)</span>
          <select value={type} onChange={(e) => setType(e.target.value as ActorType)}>
            {TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button secondary">
          Add
        </button>
      </form>
      {suggestions.length > 0 && (
        <ul className="suggestions" aria-label="Known actors">
          {suggestions.map((s) => (
            <li key={s.id}>
              <button type="button" className="link-button" onClick={() => void add(s.id, s.name)}>
                Add {s.name}{' '}
                <span className="hint">
                  ({s.type}, {plural(s.articles, 'article', 'articles')})
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function History({
  id,
  refreshKey,
  onUndo,
}: {
  id: string;
  refreshKey: number;
  onUndo: (entry: AuditEntry) => void;
}) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    articleHistory(id, controller.signal).then(setEntries, (err: unknown) => {
      if (!controller.signal.aborted) setError(messageOf(err));
    });
    return () => controller.abort();
  }, [open, id, refreshKey]);
  return (
    <section className="history card-form" aria-labelledby="history-title">
      <h3 id="history-title">
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} History
          {entries && entries.length > 0 && (
            <span className="hint"> ({plural(entries.length, 'change', 'changes')})</span>
          )}
        </button>
      </h3>
      {open &&
        (error ? (
          <p className="field-error">{error}</p>
        ) : !entries ? (
          <p className="hint">Loading…</p>
        ) : entries.length === 0 ? (
          <p className="hint">No changes yet: every value is as extracted.</p>
        ) : (
          <ol className="history-list">
            {entries.map((e) => (
              <li key={e.id}>
                <ul className="history-changes">
                  {describeEntry(e).map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
                <p className="hint small">
                  {e.who} · <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
                  {e.reason && <> · “{e.reason}”</>}
                  {undoPatch(e) && (
                    <>
                      {' · '}
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Undo: ${describeEntry(e).join('; ')}`}
                        onClick={() => onUndo(e)}
                      >
                        Undo
                      </button>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
