const TRANSLIT: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'Th',
};

/**
 * A url-safe id from a name: "The New York Times" -> "the-new-york-times",
 * "Benjamin Netanyahu" -> "benjamin-netanyahu". Diacritics are folded so spellings with and
 * without accents meet; names with no Latin letters keep a short hash so they still get an id.
 */
export function slugify(name: string): string {
  const base = name
    // Letters NFKD does not take apart ("Łukasz", "Øresund", "Straße").
    .replace(/[łŁøØđĐßæÆœŒþÞ]/g, (c) => TRANSLIT[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  if (base) return base;
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `x-${h.toString(36)}`;
}
