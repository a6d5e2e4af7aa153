import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The budget for JavaScript loaded before the first paint. Reported, not enforced. */
const INITIAL_JS_BUDGET_KIB = 150;

/**
 * Prints the gzipped size of the JavaScript the browser must load up front: the entry chunks
 * and everything they import statically. Lazy chunks (librarian screens) are listed apart.
 */
function reportInitialJs(): Plugin {
  return {
    name: 'newsarchive:initial-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, { code: string; imports: string[]; isEntry: boolean }>();
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk')
          chunks.set(file, { code: out.code, imports: out.imports, isEntry: out.isEntry });
      }
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const dep of chunks.get(file)?.imports ?? []) visit(dep);
      };
      for (const [file, chunk] of chunks) if (chunk.isEntry) visit(file);
      const gz = (file: string) => gzipSync(chunks.get(file)?.code ?? '', { level: 9 }).length;
      const initialBytes = [...initial].reduce((sum, f) => sum + gz(f), 0);
      const lazyBytes = [...chunks.keys()]
        .filter((f) => !initial.has(f))
        .reduce((sum, f) => sum + gz(f), 0);
      const kib = (n: number) => (n / 1024).toFixed(1);
      const verdict = initialBytes <= INITIAL_JS_BUDGET_KIB * 1024 ? 'within' : 'OVER';
      console.log(
        `\ninitial JS: ${kib(initialBytes)} KiB gzipped (${initial.size} chunk(s)) — ${verdict} the ${INITIAL_JS_BUDGET_KIB} KiB budget; lazy chunks: ${kib(lazyBytes)} KiB gzipped`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), reportInitialJs()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // The API's CSP allows only same-origin scripts and styles: no inlined assets as scripts.
    assetsInlineLimit: 0,
  },
});
