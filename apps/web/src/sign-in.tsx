import { useEffect, useRef, useState } from 'react';
import { ApiRequestError, checkLibrarianToken, revalidateSoon } from './api.ts';
import { signIn, signOut, useSession } from './auth.ts';
import { dataChanged } from './data-version.ts';
import { Link } from './router.tsx';

/** The header's librarian controls: sign in with a token, or the signed-in tools and sign out. */
export function LibrarianControls() {
  const session = useSession();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // Back to where the dialog was opened from (or to the page, once signed in).
    requestAnimationFrame(() => (trigger.current ?? document.getElementById('main'))?.focus());
  };
  if (session) {
    return (
      <div className="librarian-bar">
        <span
          className="badge"
          title="Hidden articles are shown; you can correct articles and actors"
        >
          Librarian
        </span>
        <Link href="/librarian/actors" className="header-link">
          Actors
        </Link>
        <button
          type="button"
          className="header-link"
          onClick={() => {
            signOut();
            revalidateSoon();
            dataChanged();
          }}
        >
          Sign out
        </button>
      </div>
    );
  }
  return (
    <>
      <button ref={trigger} type="button" className="header-link" onClick={() => setOpen(true)}>
        Librarian sign in
      </button>
      {open && <SignInDialog onClose={close} />}
    </>
  );
}

function SignInDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  const submit = async () => {
    const t = token.trim();
    if (!t) return setError('Paste the token you were given.');
    setBusy(true);
    setError(null);
    try {
      const verdict = await checkLibrarianToken(t);
      if (verdict === 'ok') {
        signIn({ token: t, label: 'Librarian' });
        dataChanged();
        onClose();
        return;
      }
      setError(
        verdict === 'forbidden'
          ? 'That token is valid but is not a librarian’s.'
          : 'That token is not valid or was revoked.',
      );
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="sign-in-title"
      onClose={onClose}
      onCancel={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="sign-in-title">Librarian sign in</h2>
        <p className="hint">
          Paste your librarian token (from{' '}
          <code>npm run tokens -- create --role librarian --name NAME</code>). It is kept in this
          tab only and forgotten when the tab closes.
        </p>
        <label htmlFor="token">Token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'token-error' : undefined}
          autoFocus
        />
        {error && (
          <p id="token-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
