import { useSyncExternalStore } from 'react';

/** Bumped after a librarian's change so every visible view asks the API again at once. */
let version = 0;
const EVENT = 'newsarchive:data-changed';

export function dataChanged(): void {
  version++;
  window.dispatchEvent(new Event(EVENT));
}

export function useDataVersion(): number {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener(EVENT, cb);
      return () => window.removeEventListener(EVENT, cb);
    },
    () => version,
    () => 0,
  );
}
