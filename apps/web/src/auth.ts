import { useSyncExternalStore } from 'react';

/**
 * Where the librarian's token lives: sessionStorage. Why:
 * - The API takes bearer tokens only; there is no cookie session, so an HttpOnly cookie (the
 *   one place script cannot read) is not available without changing the contract.
 * - Memory only would sign a librarian out on every reload, which makes people paste the token
 *   again and again (and keep it in their clipboard or a note — worse).
 * - sessionStorage is scoped to this tab and origin, dies when the tab closes, and is never
 *   sent automatically (no CSRF). localStorage would keep it on disk indefinitely.
 * The remaining risk, script in the page reading it, is what the rest of the UI guards against:
 * no HTML is ever injected (Segments render as text) and the API's CSP allows only same-origin
 * scripts.
 */
const KEY = 'newsarchive.librarian';
const CHANGE = 'newsarchive:auth';

export interface Session {
  token: string;
  /** Shown in the header; the token itself is never displayed again. */
  label: string;
}

/** Used only when storage is disabled: then the session lasts until reload. */
let memoryRaw: string | null = null;

function read(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return memoryRaw;
  }
}

let cachedRaw: string | null | undefined;
let cached: Session | null = null;

/** The current session, or null for a reader. */
export function getSession(): Session | null {
  const raw = read();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    try {
      const parsed = raw ? (JSON.parse(raw) as Session) : null;
      cached = parsed && typeof parsed.token === 'string' ? parsed : null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export function signIn(session: Session): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    memoryRaw = JSON.stringify(session);
  }
  window.dispatchEvent(new Event(CHANGE));
}

export function signOut(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    /* storage disabled */
  }
  memoryRaw = null;
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE, onChange);
  return () => window.removeEventListener(CHANGE, onChange);
}

/** The session as React state. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, () => null);
}
