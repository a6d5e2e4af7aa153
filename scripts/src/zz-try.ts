import { createActorExtractor } from '@newsarchive/ingest';
const ex = createActorExtractor();
for (const c of process.argv.slice(2)) console.log(JSON.stringify(c.slice(0, 70)), '=>', ex({ title: '', body: c, byline: null }).map((m) => `${m.id ?? m.name}:${m.type}`).join(', '));
