import { formatDay } from '../format.ts';
import { actorName, outletName } from '../names.ts';
import { Link } from '../router.tsx';
import {
  EMPTY_SEARCH,
  hasFilters,
  searchHref,
  updateSearch,
  type SearchState,
} from '../url-state.ts';

interface Chip {
  key: string;
  label: string;
  without: SearchState;
}

/** Every active filter as a chip that removes it, and one link that removes them all. */
export function ActiveFilters({ state }: { state: SearchState }) {
  if (!hasFilters(state)) return null;
  const chips: Chip[] = [];
  const drop = (key: 'outlet' | 'actor' | 'excludeOutlet' | 'excludeActor', id: string) =>
    updateSearch(state, { [key]: state[key].filter((v) => v !== id) });
  for (const id of state.outlet)
    chips.push({ key: `o-${id}`, label: `Outlet: ${outletName(id)}`, without: drop('outlet', id) });
  for (const id of state.excludeOutlet)
    chips.push({
      key: `xo-${id}`,
      label: `Not from ${outletName(id)}`,
      without: drop('excludeOutlet', id),
    });
  state.actor.forEach((id, i) =>
    chips.push({
      key: `a-${id}`,
      label: `${i > 0 ? 'and ' : 'Naming '}${actorName(id)}`,
      without: drop('actor', id),
    }),
  );
  for (const id of state.excludeActor)
    chips.push({
      key: `xa-${id}`,
      label: `Not naming ${actorName(id)}`,
      without: drop('excludeActor', id),
    });
  if (state.from || state.to) {
    const label =
      state.from && state.to
        ? `${formatDay(state.from)} – ${formatDay(state.to)}`
        : state.from
          ? `From ${formatDay(state.from)}`
          : `Until ${formatDay(state.to!)}`;
    chips.push({ key: 'date', label, without: updateSearch(state, { from: null, to: null }) });
  }
  if (state.group)
    chips.push({
      key: 'group',
      label: 'One result per story',
      without: updateSearch(state, { group: false }),
    });
  return (
    <div className="active-filters">
      <ul className="chips" aria-label="Active filters">
        {chips.map((c) => (
          <li key={c.key}>
            <Link
              className="chip chip-removable"
              href={searchHref(c.without)}
              aria-label={`Remove filter: ${c.label}`}
            >
              {c.label} <span aria-hidden="true">×</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link
        className="link-button"
        href={searchHref({ ...EMPTY_SEARCH, q: state.q, sort: state.sort })}
      >
        Clear all
      </Link>
    </div>
  );
}
