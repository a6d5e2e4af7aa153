import { useEffect, useRef, type KeyboardEvent } from 'react';

/** The query language, one example each (words the sample collection answers). */
export const SEARCH_TIPS: readonly { example: string; finds: string }[] = [
  { example: 'climate protest', finds: 'both words, anywhere in the article' },
  { example: '"prime minister"', finds: 'the exact phrase' },
  { example: 'election -brexit', finds: 'leaves out articles with a word (also NOT brexit)' },
  { example: 'flood OR storm', finds: 'either word (also flood | storm)' },
  { example: 'protest (police OR army)', finds: 'groups: protest, and police or army' },
  { example: 'vaccin*', finds: 'words starting with vaccin' },
];

export interface SearchTipsProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Runs an example as the search. */
  onExample: (q: string) => void;
}

/**
 * "Search tips": a disclosure next to the box with the query language in a small table. A
 * native <details>, so it opens by keyboard and is announced as expanded or collapsed; Escape
 * closes it and gives focus back to its summary, and so does a click outside (the panel floats
 * over the results).
 */
export function SearchTips({ open, onOpenChange, onExample }: SearchTipsProps) {
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      if (!details.current?.contains(e.target as Node)) onOpenChange(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, onOpenChange]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      onOpenChange(false);
      summary.current?.focus();
    }
  };
  return (
    <details
      ref={details}
      className="search-tips"
      open={open}
      onToggle={(e) => {
        if (e.currentTarget.open !== open) onOpenChange(e.currentTarget.open);
      }}
      onKeyDown={onKeyDown}
    >
      <summary ref={summary} id="search-tips-summary">
        Search tips
      </summary>
      <div className="tips-panel">
        <table className="tips-table">
          <caption className="sr-only">Search syntax, one example each</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">To find</th>
            </tr>
          </thead>
          <tbody>
            {SEARCH_TIPS.map((tip) => (
              <tr key={tip.example}>
                <td>
                  <button
                    type="button"
                    className="tip-example"
                    title="Search for this"
                    onClick={() => onExample(tip.example)}
                  >
                    {tip.example}
                  </button>
                </td>
                <td>{tip.finds}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="tips-note">
          Case and accents do not matter (café = cafe), nor do plurals or hyphens (e-mail = email);
          small typos are forgiven. <code>OR</code> and <code>NOT</code> are written in capitals.
        </p>
      </div>
    </details>
  );
}
