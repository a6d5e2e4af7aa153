import type {
  ActorCount,
  ActorType,
  FacetName,
  FacetSearchResponse,
  OutletCount,
} from '@newsarchive/core';
import { useEffect, useId, useRef, useState } from 'react';
import { searchFacet } from '../api.ts';
import { formatCount } from '../format.ts';
import { actorName, outletName, rememberActor, rememberOutlet } from '../names.ts';
import { navigate } from '../router.tsx';
import { createSearchRunner } from '../search-runner.ts';
import { searchHref, toggleIn, type ListKey, type SearchState } from '../url-state.ts';

const go = (s: SearchState) => navigate(searchHref(s));

type FacetValue = FacetSearchResponse['values'][number];

/** Values of a facet whose names contain `text` (search inside a long facet); null while idle. */
function useFacetSearch(facet: FacetName, state: SearchState, text: string): FacetValue[] | null {
  const [values, setValues] = useState<FacetValue[] | null>(null);
  const runner = useRef<ReturnType<typeof createSearchRunner<string, FacetSearchResponse>> | null>(
    null,
  );
  const stateRef = useRef(state);
  stateRef.current = state;
  useEffect(() => {
    const r = createSearchRunner<string, FacetSearchResponse>({
      fetcher: (t, signal) => searchFacet(facet, stateRef.current, t, signal),
      onChange: (s) => setValues(s.response?.values ?? null),
    });
    runner.current = r;
    return () => r.dispose();
  }, [facet]);
  useEffect(() => {
    if (text.trim() === '') setValues(null);
    else runner.current?.request(text.trim(), 120);
  }, [text, searchHref(state)]);
  return text.trim() === '' ? null : values;
}

function FacetFilterInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <input
      type="search"
      className="facet-filter"
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      maxLength={200}
    />
  );
}

/** One facet value: a checkbox to include it, a button to exclude it. */
function FacetRow({
  id,
  name,
  count,
  state,
  include,
  exclude,
}: {
  id: string;
  name: string;
  count: number | null;
  state: SearchState;
  include: ListKey;
  exclude: ListKey;
}) {
  const checked = state[include].includes(id);
  const excluded = state[exclude].includes(id);
  return (
    <li className={`facet-row${excluded ? ' excluded' : ''}`}>
      <label>
        <input
          type="checkbox"
          checked={checked}
          disabled={excluded}
          onChange={(e) => go(toggleIn(state, include, id, e.target.checked))}
        />
        <span className="facet-name">{name}</span>
        {count !== null && <span className="count">{formatCount(count)}</span>}
      </label>
      <button
        type="button"
        className="icon-button"
        aria-pressed={excluded}
        aria-label={excluded ? `Stop excluding ${name}` : `Exclude ${name}`}
        title={excluded ? 'Stop excluding' : 'Exclude'}
        onClick={() => go(toggleIn(state, exclude, id, !excluded))}
      >
        {excluded ? '↺' : '⊘'}
      </button>
    </li>
  );
}

const OUTLETS_SHOWN = 8;

export function OutletFacet({ values, state }: { values: OutletCount[]; state: SearchState }) {
  const [expanded, setExpanded] = useState(false);
  const [text, setText] = useState('');
  const found = useFacetSearch('outlet', state, text);
  const headingId = useId();
  // Selected outlets stay visible even when they fall outside the top ones.
  const shown = expanded ? values : values.slice(0, OUTLETS_SHOWN);
  const pinned = state.outlet
    .concat(state.excludeOutlet)
    .filter((id) => !shown.some((v) => v.id === id));
  const list: { id: string; name: string; count: number | null }[] = found
    ? found.map((v) => {
        rememberOutlet(v.id, v.name);
        return v;
      })
    : [...pinned.map((id) => ({ id, name: outletName(id), count: null })), ...shown];
  return (
    <section className="facet" aria-labelledby={headingId}>
      <h2 id={headingId}>Outlet</h2>
      <p className="facet-hint">Any of the checked outlets.</p>
      {expanded && <FacetFilterInput label="Find an outlet" value={text} onChange={setText} />}
      {list.length === 0 ? (
        <p className="facet-empty">{found ? 'No outlet by that name.' : 'No outlets.'}</p>
      ) : (
        <ul className="facet-list">
          {list.map((v) => (
            <FacetRow key={v.id} {...v} state={state} include="outlet" exclude="excludeOutlet" />
          ))}
        </ul>
      )}
      {values.length > OUTLETS_SHOWN && (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => (setExpanded(!expanded), setText(''))}
        >
          {expanded ? 'Show fewer' : `More outlets (${values.length - OUTLETS_SHOWN})…`}
        </button>
      )}
    </section>
  );
}

const TYPE_LABELS: Record<ActorType, string> = {
  person: 'People',
  organization: 'Organizations',
  state: 'Countries and places',
  group: 'Groups',
};
const ACTORS_SHOWN = 4;

export function ActorFacet({ values, state }: { values: ActorCount[]; state: SearchState }) {
  const [expanded, setExpanded] = useState(false);
  const [text, setText] = useState('');
  const found = useFacetSearch('actor', state, text);
  const headingId = useId();
  if (found) for (const v of found) if (v.type) rememberActor(v.id, v.name, v.type);
  const source: { id: string; name: string; type: ActorType; count: number | null }[] = found
    ? found.map((v) => ({ ...v, type: v.type ?? 'person' }))
    : values;
  const pinned = found
    ? []
    : state.actor.concat(state.excludeActor).filter((id) => !values.some((v) => v.id === id));
  const groups = (Object.keys(TYPE_LABELS) as ActorType[])
    .map((type) => {
      const all = source.filter((v) => v.type === type);
      return { type, all, shown: expanded || found ? all : all.slice(0, ACTORS_SHOWN) };
    })
    .filter((g) => g.all.length > 0);
  const hidden = groups.reduce((n, g) => n + g.all.length - g.shown.length, 0);
  return (
    <section className="facet" aria-labelledby={headingId}>
      <h2 id={headingId}>Actors</h2>
      <p className="facet-hint">
        {state.actor.length > 1
          ? `Articles naming all ${state.actor.length} checked actors.`
          : 'Checking several finds articles naming all of them.'}
      </p>
      {(expanded || text) && (
        <FacetFilterInput label="Find an actor" value={text} onChange={setText} />
      )}
      {pinned.length > 0 && (
        <ul className="facet-list">
          {pinned.map((id) => (
            <FacetRow
              key={id}
              id={id}
              name={actorName(id)}
              count={null}
              state={state}
              include="actor"
              exclude="excludeActor"
            />
          ))}
        </ul>
      )}
      {groups.length === 0 && pinned.length === 0 && (
        <p className="facet-empty">{found ? 'No actor by that name.' : 'No actors.'}</p>
      )}
      {groups.map((g) => (
        <div key={g.type} className="facet-group">
          <h3>{TYPE_LABELS[g.type]}</h3>
          <ul className="facet-list">
            {g.shown.map((v) => (
              <FacetRow key={v.id} {...v} state={state} include="actor" exclude="excludeActor" />
            ))}
          </ul>
        </div>
      ))}
      {(hidden > 0 || expanded) && !found && (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => (setExpanded(!expanded), setText(''))}
        >
          {expanded ? 'Show fewer' : `More actors (${hidden})…`}
        </button>
      )}
    </section>
  );
}

export function GroupToggle({ state }: { state: SearchState }) {
  return (
    <section className="facet">
      <label className="switch">
        <input
          type="checkbox"
          checked={state.group}
          onChange={(e) => go({ ...state, page: 1, group: e.target.checked })}
        />
        <span>One result per story (all outlets’ reports)</span>
      </label>
    </section>
  );
}
