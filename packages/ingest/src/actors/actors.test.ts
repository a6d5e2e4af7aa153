import { describe, expect, it } from 'vitest';
import type { ActorMention } from '@newsarchive/core';
import { createActorExtractor } from './index.ts';

const extract = createActorExtractor();
const run = (body: string, extra: { title?: string; byline?: string | null } = {}) =>
  extract({ title: extra.title ?? 'A report', body, byline: extra.byline ?? null });
const ids = (mentions: ActorMention[]) => mentions.map((m) => m.id ?? m.name).sort();
const find = (mentions: ActorMention[], id: string) =>
  mentions.find((m) => m.id === id || m.name === id);

describe('dictionary pass', () => {
  it('resolves states, bodies and leaders with their ids and types', () => {
    const m = run(
      'Hamas said Israel and the United Nations must act, and NATO agreed with Benjamin Netanyahu.',
    );
    expect(ids(m)).toEqual(['benjamin-netanyahu', 'hamas', 'israel', 'nato', 'united-nations']);
    expect(find(m, 'hamas')!.type).toBe('group');
    expect(find(m, 'israel')!.type).toBe('state');
    expect(find(m, 'united-nations')!.type).toBe('organization');
    expect(find(m, 'benjamin-netanyahu')!.type).toBe('person');
  });

  it('resolves demonyms and abbreviations to the state', () => {
    expect(ids(run('American officials met in Cairo.'))).toEqual(['united-states']);
    expect(ids(run('A Hamas delegation was briefed by Egyptian and Qatari mediators.'))).toEqual([
      'egypt',
      'hamas',
      'qatar',
    ]);
    expect(ids(run('The U.S. and the UK disagreed.'))).toEqual(['united-kingdom', 'united-states']);
    // "us" the pronoun is not the United States.
    expect(ids(run('They told us nothing about it.'))).toEqual([]);
  });

  it('keeps spellings met as aliases of one mention', () => {
    const m = run('Israeli troops moved. Israel said the Israelis would stay.');
    expect(m).toHaveLength(1);
    expect(m[0]!.aliases).toEqual(expect.arrayContaining(['Israeli', 'Israelis']));
  });

  it('uses the registry dictionary, which wins over the gazetteer', () => {
    const withRegistry = createActorExtractor([
      { alias: 'Bibi', id: 'benjamin-netanyahu', name: 'Benjamin Netanyahu', type: 'person' },
      { alias: 'Speech First', id: 'speech-first', name: 'Speech First', type: 'organization' },
    ]);
    const m = withRegistry({
      title: 'x',
      body: 'Bibi spoke. Speech First sued the college.',
      byline: null,
    });
    expect(ids(m)).toEqual(['benjamin-netanyahu', 'speech-first']);
  });

  it('reads "Trump Administration" as the person, and matches capitalised spellings only when capitalised', () => {
    expect(ids(run('The Trump Administration said the Obama campaign was wrong.'))).toEqual([
      'barack-obama',
      'donald-trump',
    ]);
    const learnt = createActorExtractor([
      { alias: 'Speech First', id: 'speech-first', name: 'Speech First', type: 'organization' },
    ]);
    expect(learnt({ title: 'x', body: 'Free speech first became a worry.', byline: null })).toEqual(
      [],
    );
  });

  it('does not read a state inside a person or a place name', () => {
    expect(ids(run('Representative Jim Jordan spoke. Later, Jordan left.'))).toEqual([
      'Jim Jordan',
    ]);
    expect(ids(run('Voters in New Mexico and Latin America were polled.'))).toEqual([]);
  });
});

describe('new names', () => {
  it('proposes people and organisations from capitalised names with context', () => {
    const m = run(
      'Judd Deere said the Urban Institute and the Federal Emergency Management Agency disagreed.',
    );
    expect(find(m, 'Judd Deere')?.type).toBe('person');
    expect(find(m, 'Urban Institute')?.type).toBe('organization');
    expect(find(m, 'federal-emergency-management-agency')?.type).toBe('organization');
  });

  it('splits "person of organisation" and does not take prizes or places for people', () => {
    expect(ids(run('said Professor Jessica Levinson of Loyola Law School.'))).toEqual([
      'Jessica Levinson',
      'Loyola Law School',
    ]);
    expect(ids(run('She won the George Polya Prize and visited Bernardo Riquelme Base.'))).toEqual(
      [],
    );
  });

  it('strips titles and keeps the body a title names', () => {
    const m = run(
      'The talks were attended by CIA Director William Burns and Treasury Secretary Steven Mnuchin.',
    );
    expect(ids(m)).toEqual([
      'central-intelligence-agency',
      'department-of-the-treasury',
      'steven-mnuchin',
      'william-burns',
    ]);
    expect(ids(run('Secretary of State Antony Blinken spoke.'))).toEqual(['antony-blinken']);
  });

  it('resolves a surname alone to the full name met in the article', () => {
    const m = run(
      'Tricia Newbold is a manager. Ms. Newbold provided testimony, and Newbold said more.',
    );
    expect(ids(m)).toEqual(['Tricia Newbold']);
    // The surname is this article's shorthand, not a spelling the registry should learn.
    expect(m[0]!.aliases).not.toContain('Newbold');
    // A gazetteer surname becomes the other person when the article names them in full.
    expect(ids(run('Michelle Obama spoke. Obama also pushed people to vote.'))).toEqual([
      'Michelle Obama',
    ]);
    expect(ids(run('Sarah Huckabee Sanders said so. Sanders added more.'))).toEqual([
      'sarah-huckabee-sanders',
    ]);
    expect(ids(run('Sarah Jane Sanders said so. Sanders added more.'))).toEqual([
      'Sarah Jane Sanders',
    ]);
  });
});

describe('never actors', () => {
  it("drops The Hill's hover cards", () => {
    const body =
      'Sen. Bernie Sanders Bernie SandersWarren to Sanders: I think you called me a liar MORE (I-Vt.) leads. ' +
      'Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnellPoll: Democrats lead Wells Fargo MORE said no.';
    expect(ids(run(body))).toEqual(['bernie-sanders', 'mitch-mcconnell']);
  });

  it('drops the byline, in the byline field and as a "by" line', () => {
    expect(
      ids(run('Pam Bondi spoke. Joel B. Pollak is an editor.', { byline: 'Joel B. Pollak' })),
    ).toEqual(['Pam Bondi']);
    expect(ids(run('by Sededin Dedovic\nHamas said so.'))).toEqual(['hamas']);
  });

  it('drops photographers and photo agencies in credits', () => {
    expect(ids(run('Talks began.\n© Ahmad Hasaballah / Getty Images'))).toEqual([]);
    expect(
      ids(run('Protesters rallied against the Israeli governmen© Amir Levy / Getty Images')),
    ).toEqual(['israel']);
    expect(ids(run('Tim Draper spoke at the event. (AP Photo/Pablo Martinez Monsivais)'))).toEqual([
      'Tim Draper',
    ]);
    expect(ids(run('FILE PHOTO: Tim Draper speaks. REUTERS/ Stephen Lam/File Photo'))).toEqual([]);
  });

  it('drops news organisations cited as sources', () => {
    const body =
      'An unnamed Hamas official told Reuters the talks began, the Times of Israel reported. ' +
      'A similar statement was relayed to Channel 12. According to the Times of Israel, the Palestinian newspaper Al-Quds agreed, ' +
      'and the official told Agence France-Presse and The Washington Post.';
    expect(ids(run(body))).toEqual(['hamas', 'palestine']);
  });

  it('drops embedded-post signatures and contributor lines', () => {
    expect(
      ids(run('TRUMP: Ask China. pic.twitter.com/x — Aaron Rupar (@atrupar) May 11, 2020')),
    ).toEqual(['china', 'donald-trump']);
    expect(
      ids(
        run(
          'Hamas agreed.\n\nKatherine Tully-McManus and Bridget Bowman contributed to this report.',
        ),
      ),
    ).toEqual(['hamas']);
  });

  it('drops section headings that are not names', () => {
    const body =
      'Asian News Makers\nInsight\n\nHamas met Egypt on Sunday.\n\nConstructive Dialogue, Yet No Final Agreement\n\nThe talks ended.\n\nRelated posts';
    expect(ids(run(body))).toEqual(['egypt', 'hamas']);
  });

  it('drops a news organisation joined to another name by "and", and titled common nouns', () => {
    expect(ids(run('A new poll from CNN and ORC shows it.'))).toEqual([]);
    expect(ids(run('Speaking on CNN, he said so. Twitter users agreed.'))).toEqual([]);
    expect(ids(run('He opposed a floor vote on the JUSTICE Act. Mr. Jean lived there.'))).toEqual([
      'Jean',
    ]);
  });

  it('drops weekdays and months', () => {
    expect(ids(run('On Monday in August, Sunday talks resumed. Thursday was quiet.'))).toEqual([]);
  });

  it('drops bare titles', () => {
    expect(
      ids(run('The prime minister said the President and the Secretary of State agreed.')),
    ).toEqual([]);
    expect(ids(run('A White House Staff Secretary Resigns'))).toEqual(['white-house']);
  });
});

describe('robustness', () => {
  it('never throws and only returns url-safe ids, whatever the text', async () => {
    const fc = await import('fast-check');
    const words = fc.constantFrom(
      'Hamas',
      'of',
      'the',
      'U.S.',
      'Mr.',
      'said',
      'Jordan',
      '©',
      '(AP Photo/X)',
      'MORE',
      'and',
      'President',
      'Trump',
      '’s',
      '-',
      '.',
      ',',
      '\n',
      'New',
      'York',
      'Times',
      'told',
      'Reuters',
      'Sarah',
      'Huckabee',
      'Sanders',
      'al-Qaeda',
      '2020',
      'Ministry',
      'Health',
      'É',
      '—',
      '(@x)',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(words, fc.string()), { maxLength: 60 }),
        fc.string(),
        (ws, byline) => {
          const mentions = extract({ title: ws.slice(0, 5).join(' '), body: ws.join(' '), byline });
          for (const m of mentions) {
            expect(m.name.trim()).not.toBe('');
            if (m.id) expect(m.id).toMatch(/^[a-z0-9-]+$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('text the tuning corpus did not have (issue 20)', () => {
  it('never lists the people credited in closing lines', () => {
    const body = [
      'Ministers met in Manila on Monday. Defense Secretary Gilberto Teodoro said talks went well.',
      'Associated Press writer Jim Gomez contributed.',
      "Today's briefing was written by Sarah Collins and edited by James Ward.",
      'Our correspondent Hamza Hendawi reported from Cairo.',
    ].join('\n\n');
    expect(ids(run(body))).toEqual(['Gilberto Teodoro']);
  });

  it('keeps a credit-like sentence in the middle of the text as text', () => {
    const body = [
      'The report was written by Senator Maria Lopez and edited by her staff.',
      'Its findings were debated for hours.',
      'Critics called it thin.',
      'The vote is on Friday.',
    ].join('\n\n');
    expect(ids(run(body))).toContain('Maria Lopez');
  });

  it('gives one entry to an actor met under a fuller and a shorter name', () => {
    const m = run(
      'Samer Abu Daqqa, a doctor, said beds ran out. "We have none," Abu Daqqa said. ' +
        'Emir Sheikh Tamim bin Hamad Al Thani called. Hamad Al Thani later spoke again.',
    );
    expect(ids(m)).toEqual(['Samer Abu Daqqa', 'tamim-bin-hamad-al-thani']);
    expect(find(m, 'Samer Abu Daqqa')!.aliases).toContain('Abu Daqqa');
  });

  it('resolves a middle initial to the person the registry knows, once', () => {
    const m = run('Antony J. Blinken met officials. Blinken is due in Amman.');
    expect(ids(m)).toEqual(['antony-blinken']);
    // Unknown to the registry and named only so: the name stays as written.
    expect(ids(run('Robert L. Rogers said he would appeal.'))).toEqual(['Robert L. Rogers']);
  });

  it('treats a name with and without its article as one body', () => {
    const m = run(
      'The Al Qassam Brigades said it hit a tank. Qassam Brigades spokesman Abu Obeida repeated it.',
    );
    expect(m.filter((x) => /Qassam/.test(x.name))).toHaveLength(1);
  });

  it('does not take a role or a portfolio for part of a name', () => {
    expect(ids(run('Prosecutor Krzysztof Sierak told reporters the case would go on.'))).toEqual([
      'Krzysztof Sierak',
    ]);
    expect(ids(run('Civil Aviation Minister Hardeep Singh Puri said 18 people died.'))).toEqual([
      'Hardeep Singh Puri',
    ]);
    expect(ids(run('Chief Executive Carrie Lam did not resign.'))).toEqual(['Carrie Lam']);
  });

  it('knows every UN member state, its demonyms, and both spellings of -isation', () => {
    expect(ids(run('Namibian and Tongan delegates met in Côte d’Ivoire and Samoa.'))).toEqual([
      'ivory-coast',
      'namibia',
      'samoa',
      'tonga',
    ]);
    expect(ids(run('The World Health Organisation declared a pandemic.'))).toEqual([
      'world-health-organization',
    ]);
    // A territory named after a state is a place.
    expect(ids(run('Outbreaks were declared in American Samoa.'))).toEqual([]);
  });

  it('takes a name the article later calls by its surname alone for a person, not a place', () => {
    const m = run(
      'Paweł Adamowicz was stabbed on stage. Adamowicz was taken to hospital. ' +
        'Hurricane Lorenzo hit the islands. Lorenzo weakened later.',
    );
    expect(ids(m)).toEqual(['Paweł Adamowicz']);
    expect(find(m, 'Paweł Adamowicz')!.id ?? 'pawel-adamowicz').toBe('pawel-adamowicz');
  });

  it('does not make a person of a town named with an honorific', () => {
    expect(ids(run('Militants attacked a checkpoint near the town of Sheikh Zuwayed.'))).toEqual(
      [],
    );
  });

  it('takes an apposition with a role, or an age, as a person whatever the name', () => {
    expect(
      ids(run('On Monday, Tawanda Chikwanha, an opposition candidate for mayor, spoke in Harare.')),
    ).toEqual(['Tawanda Chikwanha']);
    expect(ids(run('The co-pilot was 24-year-old Ilse Vandermeulen of Ghent.'))).toContain(
      'Ilse Vandermeulen',
    );
    // Initials with or without dots begin a name; "U.S." does not.
    expect(ids(run('B Shiva Parvathi and D.K. Shivakumar spoke at the event.'))).toEqual([
      'B Shiva Parvathi',
      'D.K. Shivakumar',
    ]);
    expect(ids(run('The U.S. Constitution was amended twice.'))).not.toContain('U.S. Constitution');
  });

  it('folds an acronym or the last words of a body into its full name, and knows regions', () => {
    const m = run(
      'The National Rowing Federation (NRF) fined the Los Angeles Lakers. The NRF said the Lakers paid.',
    );
    expect(ids(m)).toEqual(['Los Angeles Lakers', 'National Rowing Federation']);
    expect(ids(run('Its chief executive for Central Europe, Matt Simister, left.'))).toEqual([
      'Matt Simister',
    ]);
    // A platform is where news is read, not who acts.
    expect(ids(run('The hashtag trended on Weibo and WeChat for a day.'))).toEqual([]);
  });

  it('reads a one-word name whose shares trade as a company, but not a place', () => {
    expect(ids(run('Investors sold shares of Vantorix after the report.'))).toEqual(['Vantorix']);
    expect(ids(run('Funds bought shares in Europe last week.'))).toEqual([]);
  });

  it('knows the major parties, bodies and people beyond the US, under their other names', () => {
    const found = ids(
      run(
        'Sinn Fein and Fianna Fáil talked while Police Scotland and the Met Police searched. ' +
          'King Charles met the BJP leader. The Qassam Brigades said the Al Ahli Hospital was hit.',
      ),
    );
    for (const id of [
      'sinn-fein',
      'fianna-fail',
      'police-scotland',
      'metropolitan-police',
      'charles-iii',
      'bharatiya-janata-party',
      'al-qassam-brigades',
      'al-ahli-hospital',
    ])
      expect(found).toContain(id);
  });

  it('reads a legal form as part of the company, and long names with particles', () => {
    expect(
      ids(run('It is run by Hungarian National Asset Management, Inc. since August.')),
    ).not.toContain('Inc');
    expect(ids(run('Vice President Rebecca Nyandeng De Mabior said the law is back.'))).toEqual([
      'Rebecca Nyandeng De Mabior',
    ]);
    expect(ids(run('The bill was drafted by Alex Greenwich, who said it was overdue.'))).toEqual([
      'Alex Greenwich',
    ]);
  });

  it('reads names joined by "al-", and organisations an organisation noun introduces', () => {
    expect(
      ids(run('Foreign ministry spokesman Majed al-Ansari says the truce will begin.')),
    ).toEqual(['Majed al-Ansari']);
    expect(ids(run('Her label, World Circuit, confirmed the death.'))).toEqual(['World Circuit']);
    expect(ids(run('A spokesman for the rescue service ZAKA said so.'))).toEqual(['ZAKA']);
    // An acronym alone, with nothing to say what it is, is not an actor.
    expect(ids(run('He said the figures were from ABCD on Monday.'))).toEqual([]);
  });
});
