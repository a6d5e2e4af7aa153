import nlp from 'compromise';

/**
 * Word lists borrowed from compromise's lexicon. Running compromise's tagger on every article
 * costs ~37 ms (27 articles/s); reading its lexicon once costs nothing per article and gives the
 * part that matters most here: thousands of first names, job titles and place names.
 */
export interface Lexicon {
  firstNames: Set<string>;
  lastNames: Set<string>;
  /** Job titles and honorifics ("director", "sen", "spokesperson"). */
  titles: Set<string>;
  /** Cities, regions, countries and other places: never actors on their own. */
  places: Set<string>;
  /** Common nouns ("room", "cup", "act"): a person's name does not end in one. */
  nouns: Set<string>;
  /** Common words that start sentences with a capital ("the", "despite", "however"). */
  common: Set<string>;
  /** Multi-word organisations and people compromise knows ("associated press", "al jazeera"). */
  organizations: Set<string>;
  people: Set<string>;
}

let cached: Lexicon | undefined;

/** The lexicon, read once per process. */
export function loadLexicon(): Lexicon {
  if (cached) return cached;
  const lex = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } })
    .world().model.one.lexicon;
  const l: Lexicon = {
    firstNames: new Set(),
    lastNames: new Set(),
    titles: new Set(EXTRA_TITLES),
    places: new Set(),
    common: new Set(COMMON),
    nouns: new Set(),
    organizations: new Set(),
    people: new Set(),
  };
  for (const [word, value] of Object.entries(lex)) {
    const tags = Array.isArray(value) ? value : [value];
    for (const tag of tags) {
      switch (tag) {
        case 'FirstName':
        case 'MaleName':
        case 'FemaleName':
          l.firstNames.add(word);
          break;
        case 'LastName':
          l.lastNames.add(word);
          break;
        case 'Actor':
        case 'Honorific':
          if (!word.includes(' ')) l.titles.add(word);
          break;
        case 'City':
        case 'Region':
        case 'Place':
        case 'Country':
          l.places.add(word);
          break;
        case 'Organization':
        case 'SportsTeam':
          l.organizations.add(word);
          break;
        case 'Person':
          l.people.add(word);
          break;
        case 'Singular':
        case 'Plural':
        case 'Noun':
        case 'Uncountable':
          l.nouns.add(word);
          break;
        case 'Determiner':
        case 'Preposition':
        case 'Conjunction':
        case 'Adverb':
        case 'Pronoun':
        case 'QuestionWord':
        case 'Modal':
        case 'Expression':
        case 'Possessive':
          l.common.add(word);
          break;
      }
    }
  }
  // Words that are first names in the lexicon but mostly something else in news text.
  for (const w of NOT_FIRST_NAMES) l.firstNames.delete(w);
  for (const w of EXTRA_FIRST_NAMES) l.firstNames.add(w);
  for (const w of [...l.firstNames, ...l.lastNames]) l.nouns.delete(w);
  for (const w of NOT_TITLES) l.titles.delete(w);
  cached = l;
  return l;
}

const EXTRA_TITLES = [
  'president', 'vice', 'prime', 'minister', 'secretary', 'director', 'chairman', 'chairwoman', 'chair',
  'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman', 'gov', 'governor', 'mayor',
  'judge', 'justice', 'chief', 'general', 'gen', 'mr', 'mrs', 'ms', 'dr', 'adm', 'lt', 'col', 'sgt',
  'speaker', 'leader', 'ambassador', 'king', 'queen', 'prince', 'princess', 'sheikh', 'ayatollah',
  'spokesman', 'spokeswoman', 'spokesperson', 'chancellor', 'commissioner', 'ceo', 'founder', 'deputy',
  'acting', 'former', 'counsel', 'officer', 'commander', 'host', 'anchor', 'professor', 'prof', 'attorney',
  'emir', 'crown', 'head', 'envoy', 'negotiator', 'official', 'officials', 'adviser', 'advisor', 'aide',
  'majority', 'minority', 'whip', 'foreign', 'defense', 'defence', 'interior', 'finance', 'treasury',
  'health', 'national', 'security', 'special', 'senior', 'assistant', 'press', 'white', 'house',
  'democratic', 'republican', 'independent', 'first', 'lady', 'state', 'homeland', 'economic', 'trade',
  'labor', 'energy', 'education', 'agriculture', 'commerce', 'transportation', 'intelligence', 'cia',
  'fbi', 'u.s.', 'us', 'attorney-general', 'lieutenant', 'colonel', 'major', 'captain', 'admiral',
  'sergeant', 'detective', 'pastor', 'reverend', 'rev', 'rabbi', 'imam', 'cardinal', 'bishop', 'archbishop',
  'pope', 'gov.', 'sen.', 'rep.', 'dr.', 'mr.', 'mrs.', 'ms.', 'sens', 'reps', 'del', 'delegate', 'candidate',
  'nominee', 'hopeful', 'interim', 'justices', 'senators', 'representatives', 'governors', 'presidents',
  'ministers', 'secretaries', 'congressmen', 'lawmakers', 'secretary-general', 'director-general', 'ex', 'incumbent', 'designate',
];

// Capitalised but not the start of an actor's name in news text.
const NOT_FIRST_NAMES = [
  'will', 'may', 'june', 'april', 'august', 'january', 'february', 'march', 'july', 'september',
  'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'christian', 'israel', 'jordan', 'chad', 'georgia', 'virginia', 'carolina', 'dakota',
  'china', 'india', 'paris', 'london', 'victoria', 'florence', 'madison', 'austin', 'houston', 'jackson',
  'lincoln', 'washington', 'regan', 'trump', 'justice', 'major', 'sunny', 'faith', 'hope', 'grace',
  'summer', 'winter', 'autumn', 'spring', 'dawn', 'star', 'page', 'long', 'white', 'black', 'brown',
  'green', 'young', 'rich', 'price', 'bill', 'art', 'ray', 'van', 'guy', 'sharon', 'democrat',
  'republican', 'liberty', 'independence', 'america', 'asia', 'africa', 'europe', 'ireland', 'holland',
  'lebanon', 'egypt', 'sudan', 'kenya', 'erin', 'chase', 'wade', 'worth', 'ban', 'sun', 'rose',
];
const EXTRA_FIRST_NAMES = ['hunter', 'ivanka', 'melania', 'kellyanne', 'rudy', 'beto', 'mitt', 'newt', 'rand', 'devin', 'tucker', 'sean', 'mick', 'reince', 'kirstjen', 'betsy', 'wilbur', 'rex', 'ajit', 'nikki', 'bashar', 'recep', 'vladimir', 'sergei', 'sergey', 'volodymyr', 'emmanuel', 'angela', 'boris', 'justin', 'xi', 'kim', 'narendra', 'jair', 'nicolas', 'juan', 'mohammed', 'muhammad', 'ali', 'hassan', 'ahmed', 'ahmad', 'abdel', 'abdul', 'yahya', 'ismail', 'mahmoud', 'benny', 'yair', 'naftali', 'yoav', 'shimon', 'ehud', 'ayman', 'osama', 'abu', 'omar', 'ilhan', 'rashida', 'ayanna', 'alexandria', 'kamala', 'cory', 'kirsten', 'tulsi', 'pete', 'amy', 'jay', 'andrew', 'serkan'];
const NOT_TITLES = ['jr', 'sr', 'esq', 'phd', 'character', 'baby', 'boy', 'girl', 'man', 'woman', 'people', 'anybody', 'beings', 'bros', 'bro'];

const COMMON = [
  'the', 'a', 'an', 'and', 'but', 'or', 'so', 'yet', 'for', 'nor', 'in', 'on', 'at', 'to', 'from', 'of',
  'by', 'with', 'as', 'if', 'when', 'while', 'after', 'before', 'since', 'until', 'despite', 'although',
  'though', 'however', 'meanwhile', 'also', 'still', 'then', 'now', 'this', 'that', 'these', 'those',
  'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'my',
  'your', 'what', 'who', 'why', 'how', 'where', 'which', 'whether', 'many', 'some', 'all', 'both', 'each',
  'every', 'no', 'not', 'one', 'two', 'three', 'several', 'most', 'more', 'other', 'another', 'such',
  'under', 'over', 'about', 'against', 'among', 'amid', 'during', 'without', 'within', 'through', 'into',
  'like', 'unlike', 'instead', 'even', 'just', 'only', 'yes', 'last', 'next', 'according', 'asked',
  'read', 'watch', 'related', 'click', 'follow', 'share', 'advertisement', 'subscribe', 'sign', 'photo',
  'image', 'video', 'update', 'updated', 'editor', 'note', 'opinion', 'analysis', 'breaking', 'exclusive',
  'live', 'sources', 'source', 'officials', 'former', 'new', 'old', 'dear', 'thanks', 'please', 'let',
  'do', 'does', 'did', 'is', 'are', 'was', 'were', 'be', 'being', 'been', 'has', 'have', 'had', 'can',
  'could', 'would', 'should', 'must', 'might', 'will', 'shall', 'because', 'once', 'perhaps', 'indeed',
  'yesterday', 'today', 'tomorrow', 'tonight', 'earlier', 'later', 'first', 'second', 'finally',
  'overall', 'together', 'rather', 'either', 'neither', 'any', 'few', 'much', 'nothing', 'everyone',
  'someone', 'anyone', 'nobody', 'democrats', 'republicans', 'moreover', 'furthermore', 'thus',
  'therefore', 'hence', 'otherwise', 'nonetheless', 'nevertheless', 'whatever', 'whoever',
];
