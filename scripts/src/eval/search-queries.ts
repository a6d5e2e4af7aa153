import { all, any, compound, not, phrase, prefix, unit, word, type Truth } from './truth.ts';

/** One evaluation query: what a reader types and, written independently, what it should find. */
export interface QualityQuery {
  /** The construct of the query language it exercises (the summary groups by it). */
  construct: string;
  q: string;
  truth: Truth;
  /** Where --verbose centres its example snippets. */
  hint?: RegExp;
}

// Plain words find their singular and plural (and possessive, which a word boundary already
// allows); the truths list the forms, so they say what the language means, not what an engine does.
const trump = word('trump', 'trumps');
const russia = word('russia', 'russias');

/**
 * The queries, in the reader's words; the corpus text never appears here. Each truth is the
 * meaning of the query over the folded text of title, body and names.
 */
export const SEARCH_QUERIES: QualityQuery[] = [
  // Plain words, common and rare.
  { construct: 'word', q: 'impeachment', truth: word('impeachment', 'impeachments') },
  { construct: 'word', q: 'hostage', truth: word('hostage', 'hostages') },
  { construct: 'word', q: 'tariffs', truth: word('tariff', 'tariffs') },
  { construct: 'word', q: 'filibuster', truth: word('filibuster', 'filibusters') },
  { construct: 'word', q: 'xenophobia', truth: word('xenophobia', 'xenophobias') },
  // Names of people, places and organisations.
  { construct: 'name', q: 'Pelosi', truth: word('pelosi', 'pelosis') },
  { construct: 'name', q: 'Kavanaugh', truth: word('kavanaugh', 'kavanaughs') },
  { construct: 'name', q: 'Venezuela', truth: word('venezuela', 'venezuelas') },
  { construct: 'name', q: 'NATO', truth: word('nato', 'natos') },
  { construct: 'name', q: 'Khashoggi', truth: word('khashoggi', 'khashoggis') },
  // Several words: all required, anywhere.
  {
    construct: 'and',
    q: 'border wall funding',
    truth: all(word('border', 'borders'), word('wall', 'walls'), word('funding', 'fundings')),
  },
  {
    construct: 'and',
    q: 'supreme court abortion',
    truth: all(word('supreme', 'supremes'), word('court', 'courts'), word('abortion', 'abortions')),
  },
  {
    construct: 'and',
    q: 'Planned Parenthood',
    truth: all(word('planned'), word('parenthood', 'parenthoods')),
  },
  // Quoted phrases: words adjacent and in order.
  { construct: 'phrase', q: '"climate change"', truth: phrase('climate', 'change') },
  { construct: 'phrase', q: '"trade war"', truth: phrase('trade', 'war') },
  // The same words the other way round are rare: order matters.
  { construct: 'phrase', q: '"war trade"', truth: phrase('war', 'trade') },
  { construct: 'phrase', q: '"black lives matter"', truth: phrase('black', 'lives', 'matter') },
  { construct: 'phrase', q: '"health insurance"', truth: phrase('health', 'insurance') },
  {
    construct: 'phrase',
    q: '"covid-19 pandemic"',
    truth: phrase(['covid19', 'covid-19', 'covid 19'], 'pandemic'),
  },
  // Exclusion of a word, a phrase, and NOT.
  {
    construct: 'exclude',
    q: 'brexit -johnson',
    truth: all(word('brexit', 'brexits'), not(word('johnson', 'johnsons'))),
  },
  // A query that only excludes: everything but.
  { construct: 'exclude', q: '-trump', truth: not(trump) },
  {
    construct: 'exclude',
    q: 'impeachment -"white house"',
    truth: all(word('impeachment', 'impeachments'), not(phrase('white', 'house'))),
  },
  {
    construct: 'exclude',
    q: 'iran NOT nuclear',
    truth: all(word('iran', 'irans'), not(word('nuclear'))),
  },
  {
    construct: 'exclude',
    q: 'insurance -healthcare',
    truth: all(word('insurance', 'insurances'), not(compound('health', ['care', 'cares']))),
  },
  // OR and |, and OR binding tighter than the implicit AND.
  {
    construct: 'or',
    q: 'hurricane OR tornado',
    truth: any(word('hurricane', 'hurricanes'), word('tornado', 'tornados', 'tornadoes')),
  },
  {
    construct: 'or',
    q: 'pyongyang | "north korea"',
    truth: any(word('pyongyang', 'pyongyangs'), phrase('north', 'korea')),
  },
  {
    construct: 'or',
    q: 'trump biden OR sanders',
    truth: all(trump, any(word('biden', 'bidens'), word('sanders', 'sander'))),
  },
  // Parentheses.
  {
    construct: 'group',
    q: '(Pelosi | Schumer) shutdown',
    hint: /shut/,
    truth: all(
      any(word('pelosi', 'pelosis'), word('schumer', 'schumers')),
      // A joined word meets its spaced spelling, so the verb "shut down" counts.
      compound('shut', ['down', 'downs']),
    ),
  },
  {
    construct: 'group',
    q: 'impeachment -(russia OR ukraine)',
    truth: all(word('impeachment', 'impeachments'), not(any(russia, word('ukraine', 'ukraines')))),
  },
  {
    construct: 'group',
    q: '(wall OR fence) (mexico -"el paso")',
    truth: all(
      any(word('wall', 'walls'), word('fence', 'fences')),
      word('mexico', 'mexicos'),
      not(phrase('el', 'paso')),
    ),
  },
  {
    construct: 'group',
    q: '("gun control" | "gun violence") -NRA',
    truth: all(any(phrase('gun', 'control'), phrase('gun', 'violence')), not(word('nra', 'nras'))),
  },
  {
    construct: 'group',
    q: '(immigra* OR refugee*) -trump',
    truth: all(any(prefix('immigra'), prefix('refugee')), not(trump)),
  },
  // Prefixes.
  { construct: 'prefix', q: 'immigra*', truth: prefix('immigra') },
  { construct: 'prefix', q: 'vaccin*', truth: prefix('vaccin') },
  { construct: 'prefix', q: 'cyber*', truth: prefix('cyber') },
  // Compounds: joined, hyphenated and spaced spellings meet.
  {
    construct: 'compound',
    q: 'healthcare',
    truth: compound('health', ['care', 'cares']),
  },
  { construct: 'compound', q: 'health-care', truth: compound('health', ['care', 'cares']) },
  { construct: 'compound', q: 'e-mail', truth: compound('e', ['mail', 'mails']) },
  {
    construct: 'compound',
    q: 'reelection',
    hint: /re[\s-]?elect/,
    truth: compound('re', ['election', 'elections']),
  },
  { construct: 'compound', q: 'cooperate', truth: compound('co', ['operate', 'operates']) },
  { construct: 'compound', q: 'covid19', hint: /covid/, truth: compound('covid', '19') },
  { construct: 'compound', q: '5G', truth: compound('5', ['g', 'gs']) },
  {
    construct: 'compound',
    q: 'nonprofit',
    hint: /non[\s-]?profit/,
    truth: compound('non', ['profit', 'profits']),
  },
  {
    construct: 'compound',
    q: 'whistle-blower',
    truth: compound('whistle', ['blower', 'blowers']),
  },
  {
    construct: 'compound',
    q: 'cyberattack',
    hint: /cyber/,
    truth: compound('cyber', ['attack', 'attacks']),
  },
  // A plural typed joined must still meet the singular written apart, and the reverse.
  {
    construct: 'compound',
    q: 'emails',
    hint: /e[\s-]mail/,
    truth: compound('e', ['mail', 'mails']),
  },
  { construct: 'compound', q: 'anti-Semitism', truth: compound('anti', ['semitism', 'semitisms']) },
  // A short last part (fi) still makes a compound.
  { construct: 'compound', q: 'wifi', hint: /wi[\s-]fi/, truth: compound('wi', ['fi', 'fis']) },
  // Names with symbols, as units.
  { construct: 'symbol', q: 'S&P 500', truth: all(unit('s&p'), word('500', '500s')) },
  { construct: 'symbol', q: 'AT&T', truth: unit('at&t') },
  { construct: 'symbol', q: '9/11', truth: unit('9/11') },
  { construct: 'symbol', q: 'Q&A', truth: unit('q&a') },
  {
    construct: 'symbol',
    q: 'U.S. sanctions',
    truth: all(unit('u.s'), word('sanction', 'sanctions')),
  },
  { construct: 'symbol', q: 'U.S.', truth: unit('u.s') },
  // Diacritics fold both ways.
  { construct: 'diacritics', q: 'Erdoğan', truth: word('erdogan', 'erdogans') },
  { construct: 'diacritics', q: 'Guaido', truth: word('guaido', 'guaidos') },
  { construct: 'diacritics', q: 'López Obrador', truth: all(word('lopez'), word('obrador')) },
  // Possessives fold.
  { construct: 'possessive', q: "Israel's", truth: word('israel', 'israels') },
  { construct: 'possessive', q: "Putin's", truth: word('putin', 'putins') },
  {
    construct: 'possessive',
    q: '"Trump\'s tweets"',
    hint: /trump\S* tweets/,
    truth: phrase(['trump', "trump's", 'trumps', "trumps'"], 'tweets'),
  },
  { construct: 'possessive', q: "children's", truth: word('child', 'children') },
  // Singular and plural meet.
  { construct: 'plural', q: 'countries', truth: word('country', 'countries') },
  { construct: 'plural', q: 'children', truth: word('child', 'children') },
  { construct: 'plural', q: 'women', truth: word('woman', 'women') },
  { construct: 'plural', q: 'crisis', truth: word('crisis', 'crises') },
  // Misspelt names: the truth is the correct word's.
  { construct: 'typo', q: 'Zuckerburg', hint: /zuckerb/, truth: word('zuckerberg', 'zuckerbergs') },
  { construct: 'typo', q: 'Mnuchen', truth: word('mnuchin', 'mnuchins') },
  { construct: 'typo', q: 'Netanyahoo', truth: word('netanyahu', 'netanyahus') },
  // A first-letter typo costs two.
  { construct: 'typo', q: 'Cavanaugh', hint: /kavanaugh/, truth: word('kavanaugh', 'kavanaughs') },
  { construct: 'typo', q: 'impeachmnet', truth: word('impeachment', 'impeachments') },
  { construct: 'typo', q: 'Khashogi', truth: word('khashoggi', 'khashoggis') },
];
