import { AGENCY_GROUP } from '../credits.ts';

/**
 * The extractor's word lists and patterns: which words are titles, connectors, organisation
 * heads and tails, which phrases mark a citation or a credit, which places contain an actor's
 * name. Data, kept apart from the code that reads it (index.ts, classifier.ts).
 */

// Places and phrases that contain an actor's spelling but do not name that actor.
export const BLOCKED = `New Mexico|Mexico City|New England|New Jersey|New York|New Delhi|Latin America|Latin American|Latin Americans
North America|North American|South America|Central America|Central American|Central Americans|African American|African Americans
Native American|Native Americans|Arab American|Arab Americans|Asian American|Asian Americans|Mexican American|Mexican Americans
American Indian|American Indians|Indian Ocean|Voice of America|Make America Great Again|Captain America
Indian Country|Georgia|West Virginia|Virginia|Turkey Day|French Quarter|Jordan River|Jordan Valley|Chinese New Year
New South Wales|Dutch Harbor|Irish Sea|Irish Republican Army|British Columbia|South China Sea|East China Sea
Korean Peninsula|Korean War|Vietnam War|Gulf War|Iraq War|Afghan War|America First|Amazon rainforest|Red Sea|Persian Gulf
Oval Office|Rose Garden|West Wing|Gaza Strip|West Bank|Golan Heights|Middle East|Tel Aviv|Supreme Leader|Capitol Hill|Capitol
American Samoa|Palestinian Territories|Palestinian territories|Occupied Palestinian Territories|Palestinian Territory`;

// Orgs named after a state that are that state's organs: the mention is the state itself.
export const STATE_ORGANS = new Set(
  `government|military|army|navy|air|armed|force|forces|embassy|ministry|foreign|defense|defence|interior|cabinet|parliament|authorities|coast|guard|officials|police|troops|intelligence|administration|regime|security|health|justice|finance|prime|minister|president`.split(
    '|',
  ),
);

export const ORG_TAIL = new Set(
  `party|ministry|department|agency|council|committee|court|university|institute|institution|association|foundation|bank|commission|corporation|corp|inc|company|group|forces|army|brigade|brigades|front|movement|organization|organisation|union|center|centre|office|service|services|administration|authority|board|bureau|church|college|school|network|corps|guard|police|society|trust|fund|club|federation|league|alliance|coalition|caucus|agency|project|campaign|survey|foods|industries|enterprises|holdings|partners|airlines|airways|motors|systems|technologies|labs|laboratories|hospital|clinic|academy|conference|assembly|parliament|senate|congress|cabinet|government|secretariat|tribunal|fbi|police|navy|command|patrol|reserve|exchange|inc.|llc|ltd|plc|gmbh|foundation|institute|initiative|endowment|watch|international|trust|register|times|post|journal|news|tribune|herald|gazette|magazine|press|radio|television|tv|channel`.split(
    '|',
  ),
);
export const MEDIA_TAIL = new Set(
  `times|post|journal|news|tribune|herald|gazette|magazine|press|radio|television|tv|channel|daily|weekly|review|reporter|examiner|observer|telegraph|chronicle|mail|globe|standard|monitor|independent`.split(
    '|',
  ),
);
// Last words of names of things and places named after people.
export const THING_TAIL = new Set(
  `prize|award|awards|medal|act|bill|law|rule|celebration|festival|ceremony|parade|anniversary|season|championship|tournament|base|hall|street|avenue|boulevard|road|park|bridge|airport|station|stadium|arena|memorial|museum|library|square|building|tower|center|centre|fellowship|scholarship|lecture|trophy|cup|river|lake|mountain|island|county|city|bay|beach|day|plan|doctrine|amendment|report|dossier|memo|case|trial|syndrome|disease|effect`.split(
    '|',
  ),
);
// Words after a person's name that make a phrase about the person, not a new actor.
export const PERSON_ENTOURAGE = new Set([
  'administration',
  'campaign',
  'presidency',
  'team',
  'allies',
  'family',
  'era',
  'white',
  'transition',
  'organization',
  'tower',
  'doctrine',
  'supporters',
  'voters',
]);
// Words before a name that are never part of it ("Interim Police Chief", "former Ambassador").
export const NEVER_LEADING = new Set([
  'interim',
  'acting',
  'former',
  'then',
  'ex',
  'late',
  'embattled',
  'disgraced',
  'outgoing',
  'incoming',
]);
// Title words that only qualify a title ("Foreign" in "Foreign Minister"): no person follows them by themselves.
export const TITLE_MODIFIERS = new Set(
  `interim|vice|prime|foreign|defense|defence|interior|finance|treasury|health|national|security|special|senior|assistant|press|white|house|democratic|republican|independent|first|state|homeland|economic|trade|labor|energy|education|agriculture|commerce|transportation|intelligence|cia|fbi|u.s.|us|majority|minority|former|acting|deputy|crown|executive|associate|staff|lady|ex|incumbent`.split(
    '|',
  ),
);
export const PLACE_BEFORE =
  /\b(?:(?:town|city|village|district|province|region|camp|port|area|suburb|neighbou?rhood) of|in|near|outside|around|towards?|from|at)\s+(?:the\s+)?$/i;
export const NAMED_THING_HEAD =
  /^(?:hurricane|storm|typhoon|cyclone|tropical|tornado|winter|operation)$/;
export const CORPORATE_FORMS = new Set([
  'inc',
  'ltd',
  'llc',
  'plc',
  'corp',
  'gmbh',
  'ag',
  'sa',
  'nv',
  'bv',
  'kft',
  'spa',
  'co',
]);
/** Letters after a name ("Durham Hall QC"): honours, not part of it. */
export const POST_NOMINALS = new Set([
  'qc',
  'kc',
  'mbe',
  'obe',
  'cbe',
  'kbe',
  'dbe',
  'frs',
  'mp',
  'msp',
  'td',
]);
export const MISTER = new Set(['mr', 'mrs', 'ms', 'messrs', 'dr', 'mme']);
// Titles that put a surname alone in front of the reader ("Ms. Newbold", "President Warren").
export const HONORIFICS = new Set(
  `mr|mrs|ms|dr|sen|rep|gov|president|minister|senator|representative|governor|chairman|chairwoman|speaker|judge|justice|ambassador|king|queen|prince|princess|sheikh|pope|mayor|prof|professor|leader|chancellor|emir|ayatollah|congressman|congresswoman|gen|general|adm|admiral|lt|col|sgt|rev|rabbi|imam|cardinal|bishop|archbishop`.split(
    '|',
  ),
);
export const ORG_HEAD = new Set(
  `department|ministry|university|bank|council|office|board|bureau|committee|commission|court|house|senate|church|institute|federation|league|union|association|school|college|academy|party|federal|national|royal|central`.split(
    '|',
  ),
);
export const GENERIC_ORG_WORDS = new Set(
  `ministry|department|office|of|the|for|and|health|foreign|affairs|defense|defence|interior|justice|state|education|finance|energy|agriculture|commerce|labor|transportation|treasury|homeland|security|public|national|federal|general|committee|council|court|board|agency|police|government|house|senate|city|county|district|supreme|high|appeals|circuit|administration|commission|bureau|service|services|party|army|forces|military|university|school|college|church|news|press|times|post`.split(
    '|',
  ),
);

export const WHEN = new Set(
  `monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|christmas|easter|thanksgiving|ramadan|eid|hanukkah|passover|yom|kippur`.split(
    '|',
  ),
);
// Lowercase words that may sit inside a person's name ("Mohammed bin Salman").
export const NAME_CONNECTORS = new Set([
  'de',
  'al',
  'bin',
  'ibn',
  'el',
  'van',
  'von',
  'der',
  'den',
  'la',
  'le',
  'du',
  'da',
  'dos',
  'y',
  'del',
  'di',
  'abu',
  'bint',
]);
// Inside organisation names too ("Department of Justice", "Party for Freedom").
export const CONNECTORS = new Set([...NAME_CONNECTORS, 'of', 'for', 'the', 'and', 'on']);

// A news organisation is a source, not an actor, after these words...
export const CITE_BEFORE =
  /(?:\b(?:told|tells|telling|according to|reported by|reports by|report by|published by|obtained by|cited by|quoted by|first reported by|interview with|interviews with|speaking to|spoke to|speaking with|spoke with|said on|told the|appearing on|appeared on|said to|relayed to|via|wrote in|writing in|in a statement to|statement to|in an op-ed for|op-ed in|column for|column in|newspaper|daily|broadcaster|channel|outlet|agency|magazine|network|website|station|tabloid|paper|wire service|reporter for|correspondent for|editor of|editor at|host of|anchor for|columnist for|contributor to|writer for|writes for|wrote for|told local|told state)\s+(?:the\s+|israel's\s+|the\s+israeli\s+|israeli\s+|us\s+|state\s+|local\s+)?)$/i;
// ...and before these.
export const CITE_AFTER =
  /^\s*(?:reported|reports|reporting|has reported|had reported|first reported|was first to report|quoted|cited|published|said in a report|reporter|correspondent|columnist|contributor|anchor|host|poll|survey|analysis found|obtained|learned)\b/i;
// Lines that are credits or a byline: nothing on them is an actor.
export const CREDIT_LINE =
  /^\s*(?:file photo|by|related|read more|see also|watch|advertisement|photo|photos|photograph|photographs|image|images|credit|credits|picture|pictures|illustration|video|source|sources|written by|reporting by|editing by|additional reporting)\b[\s:]/i;

// What a closing credit line says about the people on it.
export const SIGN_OFF =
  /\b(?:(?:was|were|is|are) (?:written|edited|compiled|produced|reported|reviewed|updated) by|contributed\b|contributions? (?:from|by)|reported from|writing by|compiled by|edited by|reporting by|additional reporting|with inputs from|inputs from)/i;

export const HOVER_CARD =
  /(\p{Lu}[\p{L}'’-]+)(?:\s[("“]?\p{Lu}[\p{L}.'’-]*[)"”]?){1,5}?\s\1(?=[\p{Lu}\p{N}])[^]{0,800}?\bMORE\b/gu;
export const AGENCY_CREDIT = new RegExp(`/\\s*${AGENCY_GROUP}\\b`, 'i');
export const AGENCY_LEAD = /\b(?:REUTERS|Reuters|AP|AFP|Getty Images|EPA|Xinhua)\s*\/\s*\p{Lu}/u;
export const CREDIT_NAME_TAIL = /(?:\s*\p{Lu}[\p{L}.'’-]*){1,5}\s*$/u;

/** Blanks photo credits ("© Ahmad Hasaballah / Getty Images", "(AP Photo/Jane Doe)") out of a line. */
export function normalizeCredits(line: string): string {
  let s = line;
  // The Hill's hover cards: "Sen. Michael Bennet Michael Farrand BennetGOP senator: ... MORE"
  if (s.includes('MORE')) s = s.replace(HOVER_CARD, '$1');
  if (s.includes('(')) s = s.replace(/\((?:RELATED|READ MORE|SEE ALSO|WATCH|READ)\b[^)]*\)/g, ' ');
  // An embedded post's signature: "— Aaron Rupar (@atrupar) May 11, 2020".
  if (s.includes('(@'))
    s = s.replace(/[—–-]\s*[^—–()\n]{1,80}\(@\w+\)(?:\s+\p{L}+\.?\s+\d{1,2},\s+\d{4})?/gu, ' ');
  // Contributor lines are bylines: "Jane Doe and John Roe contributed to this report."
  if (/contributed|reporting by|editing by/i.test(s))
    s = s.replace(
      /[^.]*\b(?:contributed(?: reporting)? to this (?:report|story|article)|additional reporting by|reporting by|editing by)\b[^.]*\.?/gi,
      ' ',
    );
  const credit = s.search(/\bCredit\b(?:\.\.\.|…|:)/);
  if (credit >= 0) s = s.slice(0, credit);
  const copy = s.indexOf('©');
  if (copy >= 0) s = s.slice(0, copy);
  if (s.includes('('))
    s = s.replace(
      /\((?:[^()]*?\b(?:photo|photograph|image|credit|getty|ap|afp|reuters|file)\b[^()]*?)\)/gi,
      ' ',
    );
  if (/photo|image|picture|credit/i.test(s))
    s = s.replace(
      /\b(?:photo|photograph|image|picture|credit)s?\s*(?:by|:|credit:?)\s*[^.;]*[.;]?/gi,
      ' ',
    );
  if (s.includes('/')) {
    const m = AGENCY_CREDIT.exec(s);
    if (m) s = s.slice(0, m.index).replace(CREDIT_NAME_TAIL, ' ');
    const lead = AGENCY_LEAD.exec(s);
    if (lead) s = s.slice(0, lead.index);
  }
  return s;
}
