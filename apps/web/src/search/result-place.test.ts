import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberPlace, restorePlace, storedPlace } from './result-place.ts';

afterEach(() => {
  window.history.replaceState(null, '', '/');
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('result place', () => {
  it('is kept on the history entry of the results page it was taken on', () => {
    window.history.replaceState({ other: 1 }, '', '/?q=harbour&page=2');
    vi.spyOn(window, 'scrollY', 'get').mockReturnValue(840);
    rememberPlace('a12');
    expect(storedPlace()).toEqual({ href: '/?q=harbour&page=2', scrollY: 840, id: 'a12' });
    expect((window.history.state as { other: number }).other).toBe(1);
    // Another URL on the same entry (typing rewrites it) does not get it.
    window.history.replaceState(window.history.state, '', '/?q=harbor');
    expect(storedPlace()).toBeNull();
  });

  it('scrolls back and focuses the opened result', () => {
    document.body.innerHTML =
      '<h3 id="result-a12"><a href="/articles/a12" data-result-link="">A</a></h3>';
    const scroll = vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
    restorePlace({ href: '/', scrollY: 840, id: 'a12' });
    expect(scroll).toHaveBeenCalledWith(0, 840);
    expect(document.activeElement).toBe(document.querySelector('a[data-result-link]'));
  });
});
