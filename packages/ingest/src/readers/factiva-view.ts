import type { FactivaSegments } from './factiva.ts';

/**
 * Factiva's HTML "Article" view: no segment codes, the envelope as class-less `<div>`s and
 * `<p>`s in Factiva's fixed segment order around the headline span and the `articleParagraph`s:
 *
 *   SE? · HD (`span.xxHeadline`) · BY? · WC (`808 words`) · PD · ET? · SN · SC? · ED? · PG? · LA
 *   · CY · LP/TD paragraphs · PUB? · AN (`Document …`)
 */

export type ViewEl = {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<ViewEl>;
  getAttribute(name: string): string | null;
  querySelector(sel: string): ViewEl | null;
};

type Item = { kind: 'plain' | 'headline' | 'author' | 'paragraph'; text: string };

const clean = (el: ViewEl): string => (el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();

const WORD_COUNT =
  /^\d[\d,.\s]*\s*(?:words?|mots|w[öo]rter|palabras|parole|palavras|woorden|ord|слов|語|字)$/i;
/** `Document IINM000020171113edbd0000d`, the word in the interface's language (`Dokument` …). */
const ACCESSION = /^(?:Document\s+[A-Za-z0-9]+|\p{L}+\.?\s+[A-Z][A-Z0-9]*\d{8}[a-z][a-z0-9]+)$/u;
const COPYRIGHT = /^(?:©|\(c\)|copyright\b)|©/i;

/** The article's blocks in document order, each as what it can be. */
function items(article: ViewEl): Item[] {
  const out: Item[] = [];
  const walk = (el: ViewEl) => {
    for (const c of Array.from(el.children)) {
      const cls = c.getAttribute('class') ?? '';
      if (/(?:^|\s)\w*Headline(?:\s|$)/.test(cls) || c.getAttribute('id') === 'hd')
        out.push({ kind: 'headline', text: clean(c) });
      else if (/articleParagraph/.test(cls)) out.push({ kind: 'paragraph', text: clean(c) });
      else if (/\bauthor\b/.test(cls)) out.push({ kind: 'author', text: clean(c) });
      else if (
        (c.tagName === 'DIV' || c.tagName === 'P') &&
        !c.querySelector('div, p, span[class*="Headline"]')
      )
        out.push({ kind: 'plain', text: clean(c) });
      else walk(c);
    }
  };
  walk(article);
  return out.filter((i) => i.text);
}

/** The segments of one article in the article view. */
export function viewSegments(article: ViewEl): FactivaSegments {
  const seg: FactivaSegments = { fields: new Map(), lead: [], text: [] };
  const f = seg.fields;
  const set = (code: string, v: string) => {
    if (!f.has(code)) f.set(code, v);
  };
  const list = items(article);
  const head = list.findIndex((i) => i.kind === 'headline');
  if (head >= 0) f.set('HD', list[head]!.text);
  const author = list.find((i) => i.kind === 'author');
  if (author) f.set('BY', author.text);
  const wc = list.findIndex((i, n) => n > head && i.kind === 'plain' && WORD_COUNT.test(i.text));
  const firstParagraph = list.findIndex((i) => i.kind === 'paragraph');
  const bodyStart = firstParagraph >= 0 ? firstParagraph : list.length;
  const accession = list.findIndex((i) => i.kind === 'plain' && ACCESSION.test(i.text));
  list.forEach((item, n) => {
    if (item.kind === 'paragraph') seg.text.push(item.text);
    if (item.kind !== 'plain') return;
    const t = item.text;
    if (ACCESSION.test(t)) return set('AN', t);
    if (n < head) return set('SE', t);
    if (wc < 0 || n < wc) return n > head ? set('BY', t) : undefined;
    if (n === wc) return set('WC', t);
    // After the text: the publisher just above the accession number; captions are left out.
    if (n > bodyStart) return n === accession - 1 ? set('PUB', t) : undefined;
    // After the word count, in order: date, time, source name, then the rest told by shape.
    if (!f.has('PD')) return set('PD', t);
    if (!f.has('ET') && !f.has('SN') && /^\d{1,2}[:.]\d{2}\b/.test(t)) return set('ET', t);
    if (!f.has('SN')) return set('SN', t);
    if (COPYRIGHT.test(t)) return set('CY', t);
    if (!f.has('SC') && /^[A-Z0-9]{2,12}$/.test(t) && /[A-Z]/.test(t)) return set('SC', t);
    if (/^[A-Z]?\d{1,4}[A-Z]?$/.test(t)) return set('PG', t);
    if (!f.has('LA') && /^\p{L}+$/u.test(t)) return set('LA', t);
    return set('ED', t);
  });
  return seg;
}
