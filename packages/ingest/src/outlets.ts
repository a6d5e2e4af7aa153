import { slugify } from '@newsarchive/core';
import type { Outlet } from '@newsarchive/core';
import { cleanLine } from './text.ts';

/**
 * Readable names for common outlets' domains (registrable domain, no `www.`). Covers the outlets
 * of the allsides corpus and the big wires and broadcasters; unknown domains fall back to the
 * domain itself.
 */
const DOMAINS: Record<string, string> = {
  'thehill.com': 'The Hill',
  'usatoday.com': 'USA Today',
  'vox.com': 'Vox',
  'washingtontimes.com': 'The Washington Times',
  'nationalreview.com': 'National Review',
  'reuters.com': 'Reuters',
  'politico.com': 'Politico',
  'npr.org': 'NPR',
  'cnn.com': 'CNN',
  'townhall.com': 'Townhall',
  'theguardian.com': 'The Guardian',
  'guardian.co.uk': 'The Guardian',
  'reason.com': 'Reason',
  'nytimes.com': 'The New York Times',
  'foxnews.com': 'Fox News',
  'foxbusiness.com': 'Fox Business',
  'csmonitor.com': 'The Christian Science Monitor',
  'apnews.com': 'Associated Press',
  'ap.org': 'Associated Press',
  'cbn.com': 'CBN News',
  'dailycaller.com': 'The Daily Caller',
  'breitbart.com': 'Breitbart News',
  'theblaze.com': 'TheBlaze',
  'nypost.com': 'New York Post',
  'pagesix.com': 'Page Six',
  'newsmax.com': 'Newsmax',
  'theatlantic.com': 'The Atlantic',
  'bloomberg.com': 'Bloomberg',
  'slate.com': 'Slate',
  'dailykos.com': 'Daily Kos',
  'cnbc.com': 'CNBC',
  'washingtonpost.com': 'The Washington Post',
  'marketwatch.com': 'MarketWatch',
  'thedailybeast.com': 'The Daily Beast',
  'suntimes.com': 'Chicago Sun-Times',
  'yahoo.com': 'Yahoo News',
  'fivethirtyeight.com': 'FiveThirtyEight',
  'businessinsider.com': 'Business Insider',
  'thisisinsider.com': 'Insider',
  'vice.com': 'Vice',
  'salon.com': 'Salon',
  'theweek.com': 'The Week',
  'dailymail.co.uk': 'Daily Mail',
  'theintercept.com': 'The Intercept',
  'newsbusters.org': 'NewsBusters',
  'democracynow.org': 'Democracy Now!',
  'nbcnews.com': 'NBC News',
  'freebeacon.com': 'Washington Free Beacon',
  'propublica.org': 'ProPublica',
  'nymag.com': 'New York Magazine',
  'thecut.com': 'The Cut',
  'vulture.com': 'Vulture',
  'theepochtimes.com': 'The Epoch Times',
  'thenation.com': 'The Nation',
  'realclearpolitics.com': 'RealClearPolitics',
  'axios.com': 'Axios',
  'themarshallproject.org': 'The Marshall Project',
  'cbsnews.com': 'CBS News',
  'motherjones.com': 'Mother Jones',
  'economist.com': 'The Economist',
  'quillette.com': 'Quillette',
  'foreignpolicy.com': 'Foreign Policy',
  'pewresearch.org': 'Pew Research Center',
  'journalism.org': 'Pew Research Center',
  'people-press.org': 'Pew Research Center',
  'pewsocialtrends.org': 'Pew Research Center',
  'pewforum.org': 'Pew Research Center',
  'pewglobal.org': 'Pew Research Center',
  'theverge.com': 'The Verge',
  'bet.com': 'BET',
  'infowars.com': 'InfoWars',
  'mediamatters.org': 'Media Matters',
  'ijr.com': 'Independent Journal Review',
  'ijr.org': 'Independent Journal Review',
  'bostonglobe.com': 'The Boston Globe',
  'rollcall.com': 'Roll Call',
  'pbs.org': 'PBS NewsHour',
  'bostonherald.com': 'Boston Herald',
  'sfchronicle.com': 'San Francisco Chronicle',
  'hrw.org': 'Human Rights Watch',
  'dailysignal.com': 'The Daily Signal',
  'bbc.com': 'BBC News',
  'bbc.co.uk': 'BBC News',
  'newrepublic.com': 'The New Republic',
  'mediaite.com': 'Mediaite',
  'dailychela.com': 'Daily Chela',
  'cnsnews.com': 'CNSNews',
  'dallasnews.com': 'The Dallas Morning News',
  'defenseone.com': 'Defense One',
  'thepostmillennial.com': 'The Post Millennial',
  'hotair.com': 'HotAir',
  'ivn.us': 'IVN',
  'rollingstone.com': 'Rolling Stone',
  'texastribune.org': 'The Texas Tribune',
  'techcrunch.com': 'TechCrunch',
  'alternet.org': 'AlterNet',
  'freep.com': 'Detroit Free Press',
  'gallup.com': 'Gallup',
  'ibtimes.com': 'International Business Times',
  'wearemitu.com': 'Mitú',
  'deseret.com': 'Deseret News',
  'deseretnews.com': 'Deseret News',
  'rcfp.org': 'Reporters Committee for Freedom of the Press',
  'blackenterprise.com': 'Black Enterprise',
  'pjmedia.com': 'PJ Media',
  'brookings.edu': 'Brookings Institution',
  'city-journal.org': 'City Journal',
  'ocregister.com': 'Orange County Register',
  'esquire.com': 'Esquire',
  'thelibertarianrepublic.com': 'The Libertarian Republic',
  'wsj.com': 'The Wall Street Journal',
  'westernjournal.com': 'The Western Journal',
  'medium.com': 'Medium',
  'mashable.com': 'Mashable',
  'investors.com': "Investor's Business Daily",
  'psmag.com': 'Pacific Standard',
  'heavy.com': 'Heavy',
  'rawstory.com': 'Raw Story',
  'detroitnews.com': 'The Detroit News',
  'cnet.com': 'CNET',
  'msnbc.com': 'MSNBC',
  'pressherald.com': 'Portland Press Herald',
  'fastcompany.com': 'Fast Company',
  'wgntv.com': 'WGN',
  'latimes.com': 'Los Angeles Times',
  'pinknews.co.uk': 'PinkNews',
  'youtube.com': 'YouTube',
  'hbr.org': 'Harvard Business Review',
  'redstate.com': 'RedState',
  'foreignaffairs.com': 'Foreign Affairs',
  'theresurgent.com': 'The Resurgent',
  'deadline.com': 'Deadline',
  'latinorebels.com': 'Latino Rebels',
  'glaad.org': 'GLAAD',
  'psypost.org': 'PsyPost',
  'eastbaytimes.com': 'East Bay Times',
  'calmatters.org': 'CalMatters',
  'thetexan.news': 'The Texan',
  'fortune.com': 'Fortune',
  'newyorker.com': 'The New Yorker',
  'chicagotribune.com': 'Chicago Tribune',
  'hollywoodreporter.com': 'The Hollywood Reporter',
  'bridgemi.com': 'Bridge Michigan',
  'today.com': 'TODAY',
  'denverpost.com': 'The Denver Post',
  'desmoinesregister.com': 'Des Moines Register',
  'cpj.org': 'Committee to Protect Journalists',
  'courier-journal.com': 'Louisville Courier-Journal',
  'scriberrnews.com': 'Scriberr News',
  'aljazeera.com': 'Al Jazeera',
  'afp.com': 'AFP',
  'france24.com': 'France 24',
  'dw.com': 'DW',
  'euronews.com': 'Euronews',
  'abcnews.go.com': 'ABC News',
  'go.com': 'ABC News',
  'independent.co.uk': 'The Independent',
  'indy100.com': 'indy100',
  'telegraph.co.uk': 'The Telegraph',
  'ft.com': 'Financial Times',
  'timesofisrael.com': 'The Times of Israel',
  'haaretz.com': 'Haaretz',
  'jpost.com': 'The Jerusalem Post',
  'wikinews.org': 'Wikinews',
  'washingtonexaminer.com': 'Washington Examiner',
  'huffpost.com': 'HuffPost',
  'huffingtonpost.com': 'HuffPost',
  'time.com': 'Time',
  'newsweek.com': 'Newsweek',
  'theglobeandmail.com': 'The Globe and Mail',
  'azcentral.com': 'The Arizona Republic',
  'houstonchronicle.com': 'Houston Chronicle',
  'mercurynews.com': 'The Mercury News',
  'statesman.com': 'Austin American-Statesman',
  'tallahassee.com': 'Tallahassee Democrat',
  'kitsapsun.com': 'Kitsap Sun',
  'commercialappeal.com': 'The Commercial Appeal',
  'arkansasonline.com': 'Arkansas Democrat-Gazette',
  'observer.com': 'Observer',
  'indystar.com': 'The Indianapolis Star',
  'lasvegassun.com': 'Las Vegas Sun',
  'concordmonitor.com': 'Concord Monitor',
  'sgvtribune.com': 'San Gabriel Valley Tribune',
  'timescall.com': 'Longmont Times-Call',
  'coloradosun.com': 'The Colorado Sun',
  'ajc.com': 'The Atlanta Journal-Constitution',
  'thefiscaltimes.com': 'The Fiscal Times',
  'nationalinterest.org': 'The National Interest',
  'opensecrets.org': 'OpenSecrets',
  'americanprogress.org': 'Center for American Progress',
  'amgreatness.com': 'American Greatness',
  'wnd.com': 'WND',
  'technologyreview.com': 'MIT Technology Review',
  'theconversation.com': 'The Conversation',
  'commentarymagazine.com': 'Commentary',
  'realclearinvestigations.com': 'RealClearInvestigations',
  'realclearmarkets.com': 'RealClearMarkets',
  'realclearenergy.org': 'RealClearEnergy',
  'prageru.com': 'PragerU',
  'fee.org': 'Foundation for Economic Education',
  'grist.org': 'Grist',
  'truthout.org': 'Truthout',
  'advocate.com': 'The Advocate',
  'lgbtqnation.com': 'LGBTQ Nation',
  'newsone.com': 'NewsOne',
  'blockclubchicago.org': 'Block Club Chicago',
  'bringmethenews.com': 'Bring Me The News',
  'marijuanamoment.net': 'Marijuana Moment',
  'dailysabah.com': 'Daily Sabah',
  'whitehouse.gov': 'The White House',
  'mercatus.org': 'Mercatus Center',
  'bostonreview.net': 'Boston Review',
  'socialistworker.org': 'Socialist Worker',
  'ted.com': 'TED',
  'splc.org': 'Student Press Law Center',
  'armytimes.com': 'Army Times',
  'timeshighereducation.com': 'Times Higher Education',
  'theimaginativeconservative.org': 'The Imaginative Conservative',
  'browngirlmagazine.com': 'Brown Girl Magazine',
  'cbslocal.com': 'CBS Local',
  'erraticus.co': 'Erraticus',
  'bipartisanreport.com': 'Bipartisan Report',
  'mygovcost.org': 'Independent Institute',
  'oup.com': 'Oxford University Press',
  'jstor.org': 'JSTOR Daily',
  'rutgers.edu': 'Rutgers Today',
  'harvard.edu': 'Harvard University',
  'kgnu.org': 'KGNU',
  'onlinejournalismblog.com': 'Online Journalism Blog',
  'bayareabandwidth.net': 'Bay Area Bandwidth',
};

const SECOND_LEVEL = new Set([
  'co.uk',
  'org.uk',
  'com.au',
  'co.nz',
  'co.in',
  'co.za',
  'com.br',
  'co.jp',
]);

/** The host of a URL or a bare domain ("www.nytimes.com"), lowercased, or null. */
export function hostOf(urlOrDomain: string | null | undefined): string | null {
  if (!urlOrDomain) return null;
  const s = urlOrDomain.trim();
  if (!s || /\s/.test(s)) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`);
    const host = u.hostname.toLowerCase().replace(/\.$/, '');
    return host.includes('.') ? host : null;
  } catch {
    return null;
  }
}

/** A known outlet name for a URL or domain, trying each parent domain in turn. */
export function outletNameForDomain(urlOrDomain: string | null | undefined): string | null {
  const host = hostOf(urlOrDomain);
  if (!host) return null;
  const parts = host.split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    const d = parts.slice(i).join('.');
    if (SECOND_LEVEL.has(d)) break;
    const name = DOMAINS[d];
    if (name) return name;
  }
  return null;
}

/** The registrable part of a host ("edition.cnn.com" -> "cnn.com"), for unknown outlets. */
export function siteDomain(urlOrDomain: string | null | undefined): string | null {
  const host = hostOf(urlOrDomain);
  if (!host) return null;
  const parts = host.replace(/^www\d*\./, '').split('.');
  const tail2 = parts.slice(-2).join('.');
  return SECOND_LEVEL.has(tail2) ? parts.slice(-3).join('.') : tail2;
}

/** Known outlet names by their comparable form, for recognising a header line naming the site. */
const KNOWN_NAMES = new Set(Object.values(DOMAINS).map((n) => n.toLowerCase()));

export function isKnownOutletName(name: string): boolean {
  return (
    KNOWN_NAMES.has(name.toLowerCase().replace(/^the\s+/, 'the ')) ||
    KNOWN_NAMES.has(`the ${name.toLowerCase()}`)
  );
}

export function outletFromName(name: string | null | undefined): Outlet | null {
  if (!name) return null;
  const clean = cleanLine(name).slice(0, 200);
  if (!clean) return null;
  return { id: slugify(clean), name: clean };
}
