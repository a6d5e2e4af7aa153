import type { ActorType } from '@newsarchive/core';
import countries from 'world-countries';

/**
 * The built-in gazetteer: common international actors the registry starts from. Each entry is
 * `[canonical name, spellings...]`; the id is the slug of the canonical name. Spellings in ALL
 * CAPS (and dotted abbreviations such as "U.S.") only match with that exact case, so "US" never
 * matches the pronoun "us"; every other spelling matches when its first letter is a capital.
 */
export interface GazetteerEntry {
  name: string;
  type: ActorType;
  aliases: string[];
}

// Sovereign states (and Palestine, Taiwan, Kosovo): name | abbreviations and other names | demonyms.
// Demonyms resolve to the state ("Egyptian and Qatari mediators" -> Egypt and Qatar). Georgia is
// left out on purpose: in an English-language corpus it is mostly the US state.
const STATES = `
United States|U.S.|US|USA|U.S.A.|United States of America|America|American|Americans
United Kingdom|UK|U.K.|Britain|Great Britain|British|Briton|Britons
Israel|Israeli|Israelis
Palestine|State of Palestine|Palestinian Authority|Palestinian|Palestinians
Egypt|Egyptian|Egyptians
Qatar|Qatari|Qataris
Iran|Islamic Republic of Iran|Islamic Republic|Iranian|Iranians
Iraq|Iraqi|Iraqis
Syria|Syrian|Syrians
Lebanon|Lebanese
Jordan|Jordanian|Jordanians
Saudi Arabia|Saudi|Saudis
United Arab Emirates|UAE|U.A.E.|Emirati|Emiratis
Yemen|Yemeni|Yemenis
Turkey|Türkiye|Turkish|Turks
Russia|Russian Federation|Russian|Russians
Ukraine|Ukrainian|Ukrainians
China|People's Republic of China|PRC|Chinese
Taiwan|Taiwanese
Japan|Japanese
North Korea|DPRK|North Korean|North Koreans
South Korea|Republic of Korea|South Korean|South Koreans
India|Indian|Indians
Pakistan|Pakistani|Pakistanis
Afghanistan|Afghan|Afghans
Bangladesh|Bangladeshi
France|French
Germany|German|Germans
Italy|Italian|Italians
Spain|Spanish|Spaniards
Portugal|Portuguese
Netherlands|Holland|Dutch
Belgium|Belgian
Switzerland|Swiss
Austria|Austrian
Sweden|Swedish|Swedes
Norway|Norwegian
Denmark|Danish
Finland|Finnish
Poland|Polish|Poles
Hungary|Hungarian
Czech Republic|Czechia|Czech
Greece|Greek|Greeks
Ireland|Irish
Canada|Canadian|Canadians
Mexico|Mexican|Mexicans
Brazil|Brazilian|Brazilians
Argentina|Argentine|Argentinian
Venezuela|Venezuelan|Venezuelans
Colombia|Colombian|Colombians
Cuba|Cuban|Cubans
Chile|Chilean
Peru|Peruvian
Bolivia|Bolivian
Ecuador|Ecuadorian
Nicaragua|Nicaraguan
Honduras|Honduran|Hondurans
Guatemala|Guatemalan|Guatemalans
El Salvador|Salvadoran|Salvadorans
Haiti|Haitian|Haitians
Australia|Australian|Australians
New Zealand
Indonesia|Indonesian
Malaysia|Malaysian
Philippines|Filipino|Philippine
Vietnam|Viet Nam|Vietnamese
Thailand|Thai
Myanmar|Burma|Burmese
Singapore|Singaporean
Libya|Libyan|Libyans
Tunisia|Tunisian
Algeria|Algerian
Morocco|Moroccan
Sudan|Sudanese
South Sudan|South Sudanese
Ethiopia|Ethiopian
Eritrea|Eritrean
Somalia|Somali
Kenya|Kenyan
Nigeria|Nigerian|Nigerians
South Africa|South African
Zimbabwe|Zimbabwean
Congo|Democratic Republic of the Congo|DRC|Congolese
Rwanda|Rwandan
Uganda|Ugandan
Ghana|Ghanaian
Mali|Malian
Niger
Belarus|Belarusian
Kazakhstan|Kazakh
Armenia|Armenian
Azerbaijan|Azerbaijani
Serbia|Serbian
Croatia|Croatian
Bosnia and Herzegovina|Bosnia|Bosnian
Kosovo
Albania|Albanian
Romania|Romanian
Bulgaria|Bulgarian
Moldova
Estonia|Estonian
Latvia|Latvian
Lithuania|Lithuanian
Cyprus|Cypriot
Iceland|Icelandic
Bahrain|Bahraini
Kuwait|Kuwaiti
Oman|Omani
Vatican|Holy See
`;

// International bodies, government bodies and armed groups that the news names often.
const ORGANIZATIONS = `
United Nations|UN|U.N.
UN Security Council|United Nations Security Council|Security Council|UNSC
UN General Assembly|United Nations General Assembly|General Assembly
UNRWA|United Nations Relief and Works Agency for Palestine Refugees in the Near East|United Nations Relief and Works Agency for Palestine Refugees in the Middle East|United Nations Relief and Works Agency
UNICEF
UNHCR|UN Refugee Agency
World Health Organization|WHO|W.H.O.
World Trade Organization|WTO
World Bank
International Monetary Fund|IMF
International Criminal Court|ICC
International Court of Justice|ICJ
International Atomic Energy Agency|IAEA
NATO|North Atlantic Treaty Organization
European Union|EU|E.U.
European Commission
European Parliament
European Central Bank|ECB
African Union
Arab League
Organization of the Petroleum Exporting Countries|OPEC
Group of Seven|G7|G-7
Group of 20|G20|G-20
International Committee of the Red Cross|ICRC|Red Cross
Amnesty International
Human Rights Watch
Doctors Without Borders|Médecins Sans Frontières|MSF
Central Intelligence Agency|CIA|C.I.A.
Federal Bureau of Investigation|FBI|F.B.I.
National Security Agency|NSA
Department of Justice|Justice Department|DOJ
Department of State|State Department
Department of Defense|Defense Department|Pentagon
Department of Homeland Security|Homeland Security|DHS
Immigration and Customs Enforcement|ICE
Customs and Border Protection|CBP|Customs and Border Patrol
Environmental Protection Agency|EPA
Centers for Disease Control and Prevention|CDC
Food and Drug Administration|FDA
Internal Revenue Service|IRS
Federal Reserve|Fed
Securities and Exchange Commission|SEC
Federal Communications Commission|FCC
Federal Election Commission|FEC
National Institutes of Health|NIH
White House
Office of the Director of National Intelligence|ODNI|Director of National Intelligence
Federal Emergency Management Agency|FEMA
United States Geological Survey|USGS|US Geological Survey|U.S. Geological Survey
House Intelligence Committee
House Oversight Committee|House Oversight and Reform Committee
House Judiciary Committee
Senate Judiciary Committee
Senate Intelligence Committee
House Ways and Means Committee
Congressional Budget Office|CBO
Government Accountability Office|GAO
Department of Health and Human Services|Health and Human Services|HHS
Department of Education|Education Department
Department of Labor|Labor Department
Department of the Treasury|Treasury Department|Treasury
Department of Energy|Energy Department
Department of Commerce|Commerce Department
Department of Agriculture|Agriculture Department|USDA
Department of the Interior|Interior Department
Department of Transportation|Transportation Department
Department of Housing and Urban Development|HUD
US International Trade Commission|International Trade Commission|USITC|U.S. International Trade Commission
Secret Service|U.S. Secret Service|US Secret Service
Department of Veterans Affairs|Veterans Affairs|VA
US Congress|Congress|U.S. Congress
US Senate|Senate|U.S. Senate
US House of Representatives|House of Representatives|U.S. House|House
Supreme Court|U.S. Supreme Court|US Supreme Court
Democratic Party|Democrats|Democrat|Democratic|Democratic National Committee|DNC
Republican Party|Republicans|Republican|GOP|Republican National Committee|RNC
Kremlin
Mossad
Shin Bet
Israel Defense Forces|IDF|Israeli Defense Forces|Israeli military
Knesset
Palestinian Islamic Jihad|Islamic Jihad
Fatah
Palestine Liberation Organization|PLO
Islamic Revolutionary Guard Corps|IRGC|Revolutionary Guard|Revolutionary Guards
Google
Amazon
Huawei
ZTE
Boeing
Tesla
ExxonMobil|Exxon
Goldman Sachs
Morgan Stanley
Deutsche Bank
Wells Fargo
Citigroup
Bank of America
JPMorgan Chase|JPMorgan
Walmart
Uber
Netflix
Apple
Microsoft
National Rifle Association|NRA
American Civil Liberties Union|ACLU
Planned Parenthood
Economic Community of West African States|ECOWAS
Southern African Development Community|SADC
East African Community
Association of Southeast Asian Nations|ASEAN
Gulf Cooperation Council|GCC
Organization of American States|OAS
Commonwealth of Nations
Council of Europe
Organization for Security and Co-operation in Europe|OSCE
Organisation for Economic Co-operation and Development|OECD
World Food Programme|WFP
UN Development Programme|United Nations Development Programme|UNDP
UNESCO
International Energy Agency|IEA
International Olympic Committee|IOC
FIFA
Greenpeace
Oxfam
Save the Children
Airbus
Gazprom
Rosneft
Equinor
Eni
Uniper
BP|British Petroleum
Chevron
TotalEnergies
Shell plc|Royal Dutch Shell
Ford Motor Company
Saudi Aramco|Aramco
Petrobras
Siemens
Volkswagen
Toyota
Samsung
Sony
Alibaba
Tencent
ByteDance
Meta|Meta Platforms
Nvidia
IBM
Lockheed Martin
Raytheon
General Motors|GM
Nestlé|Nestle
Unilever
Pfizer
Moderna
AstraZeneca
Johnson & Johnson
BlackRock
HSBC
Barclays
UBS
Credit Suisse
Lion Air
Air India
Air India Express
Qatar Airways
Lufthansa
Air France
British Airways
Delta Air Lines
United Airlines
American Airlines
Ryanair
SpaceX
OpenAI
European Council
Council of the European Union
Frontex
Europol
Interpol
World Economic Forum
BRICS
African Development Bank
Asian Development Bank
Asian Infrastructure Investment Bank
UN Human Rights Council|United Nations Human Rights Council|Human Rights Council
Office of the UN High Commissioner for Human Rights|OHCHR|UN Human Rights Office|UN human rights office
UN Office for the Coordination of Humanitarian Affairs|OCHA|UN Office for the Coordination of Humanitarian Affairs|United Nations Office for the Coordination of Humanitarian Affairs
UN Population Fund|UNFPA|United Nations Population Fund
UN Women
International Organization for Migration|IOM
International Labour Organization|ILO
Food and Agriculture Organization|FAO
International Federation of Red Cross and Red Crescent Societies|IFRC
Palestinian Red Crescent Society|Palestine Red Crescent Society|Palestinian Red Crescent|Palestine Red Crescent
Egyptian Red Crescent
Turkish Red Crescent
Magen David Adom
World Central Kitchen
Médecins du Monde|Doctors of the World
Norwegian Refugee Council
International Rescue Committee
Mercy Corps
CARE International
Reporters Without Borders|Reporters Sans Frontières
Committee to Protect Journalists|CPJ
Transparency International
B'Tselem
Al-Ahli Hospital|Al-Ahli Arab Hospital|Al Ahli Arab Hospital|Al Ahli Hospital|Ahli Arab Hospital|Ahli Anglican Hospital|al-Ahli Hospital|al-Ahli Arab Hospital
Al-Shifa Hospital|Al Shifa Hospital|Shifa Hospital|al-Shifa Hospital|Al-Shifa Medical Complex
Nasser Hospital|Nasser Medical Complex
Kamal Adwan Hospital
European Gaza Hospital
Indonesian Hospital
Israel Police
Israel Prison Service
Israel Airports Authority
Coordinator of Government Activities in the Territories|COGAT
Palestinian Authority Security Forces
Iron Dome
Likud
Yesh Atid
Otzma Yehudit|Jewish Power
Religious Zionism|Religious Zionist Party
Shas
United Torah Judaism
National Unity Party|National Unity
Labor Party (Israel)|Israeli Labor Party
Conservative Party|Conservatives|Tories|Tory Party
Labour Party|Labour
Liberal Democrats|Lib Dems
Scottish National Party|SNP
Reform UK
Democratic Unionist Party|DUP
Sinn Féin|Sinn Fein
Fianna Fáil|Fianna Fail
Fine Gael
Social Democratic and Labour Party|SDLP
Plaid Cymru
Bharatiya Janata Party|BJP
Indian National Congress|Congress party|Congress Party
Aam Aadmi Party
Janata Dal (Secular)|JD(S)|JDS|Janata Dal Secular
Janata Dal (United)|JD(U)
Trinamool Congress|All India Trinamool Congress
Pakistan Tehreek-e-Insaf|PTI
Pakistan Muslim League (N)|PML-N
Pakistan Peoples Party
Awami League
Bangladesh Nationalist Party|BNP
Christian Democratic Union|CDU
Christian Social Union|CSU
Social Democratic Party of Germany|SPD
Alliance 90/The Greens
Free Democratic Party|FDP
Alternative for Germany|AfD
National Rally|Rassemblement National
La France Insoumise|France Unbowed
Les Républicains
Renaissance party
Brothers of Italy|Fratelli d'Italia
Lega (Italy)
Five Star Movement
Vox party
Partido Popular|People's Party (Spain)
Spanish Socialist Workers' Party|PSOE
Law and Justice|PiS
Civic Platform
Fidesz
Freedom Party of Austria|FPÖ
Party for Freedom|PVV
Sweden Democrats
United Russia
Chinese Communist Party|Communist Party of China|CCP|CPC
Liberal Democratic Party (Japan)|Liberal Democratic Party of Japan|LDP
Justice and Development Party|AKP|AK Party
Republican People's Party|CHP
African National Congress|ANC
Democratic Alliance (South Africa)
Economic Freedom Fighters
Workers' Party (Brazil)
Liberal Party of Canada
Conservative Party of Canada
New Democratic Party|NDP
Australian Labor Party
Liberal Party of Australia
Metropolitan Police|Met Police|Scotland Yard
Police Scotland
Buckingham Palace
Bank of England
National Health Service|NHS
Trades Union Congress|TUC
AFL-CIO
United Auto Workers|UAW
Teamsters|International Brotherhood of Teamsters
Aslef|ASLEF
RMT|National Union of Rail, Maritime and Transport Workers
Unison|UNISON
Indian Space Research Organisation|ISRO
Election Commission of India
Reserve Bank of India
European Space Agency
NASA|National Aeronautics and Space Administration
National Transportation Safety Board|NTSB
Federal Aviation Administration|FAA
Rheinmetall
Elbit Systems
Israel Aerospace Industries
BAE Systems
Thales
Northrop Grumman
General Dynamics
Maersk
Glencore
Rio Tinto
BHP
ArcelorMittal
Tata Group|Tata
Reliance Industries
Adani Group
Infosys
Foxconn
TSMC|Taiwan Semiconductor Manufacturing Company
Intel
AMD
Qualcomm
Oracle
Salesforce
X Corp
Anthropic
Stellantis
BMW
Mercedes-Benz
Renault
Nissan
Honda
Hyundai
Kia
BYD
`;

const GROUPS = `
Hamas
Hezbollah|Hizbollah|Hizballah
Houthis|Houthi|Ansar Allah
Islamic State|ISIS|ISIL|Daesh|Islamic State of Iraq and Syria|Islamic State of Iraq and the Levant|Islamic State in Iraq and Syria
al-Qaeda|al Qaeda|Al Qaeda|Al-Qaeda
Taliban
Muslim Brotherhood
Kurdistan Workers' Party|PKK
Syrian Democratic Forces|SDF
Boko Haram
al-Shabaab|Al-Shabaab
Wagner Group|Wagner
Antifa
Proud Boys
Black Lives Matter
Al-Qassam Brigades|Izz ad-Din al-Qassam Brigades|Qassam Brigades|al-Qassam Brigades|Al Qassam Brigades|Ezzedine al-Qassam Brigades
Al-Quds Brigades|al-Quds Brigades|Quds Brigades
Al-Aqsa Martyrs' Brigades|al-Aqsa Martyrs Brigades
Popular Resistance Committees
Lions' Den
Kataib Hezbollah|Kata'ib Hezbollah
Islamic Resistance in Iraq
Popular Mobilization Forces|PMF|Hashd al-Shaabi
People's Protection Units|YPG
Hayat Tahrir al-Sham|HTS
Rapid Support Forces
Sudanese Armed Forces
M23|March 23 Movement
Al-Nusra Front|Nusra Front
Lashkar-e-Taiba
Jaish-e-Mohammed
Tehrik-i-Taliban Pakistan|TTP
`;

// Heads of state and government and other people the news names constantly (2017-2024), with
// the surname alone where it is unambiguous in news text.
const PEOPLE = `
Donald Trump|Trump|Donald J. Trump|Donald John Trump
Joe Biden|Biden|Joseph Biden|Joseph R. Biden
Barack Obama|Obama
Kamala Harris
Mike Pence|Pence
Hillary Clinton|Hillary Rodham Clinton
Bill Clinton
Michael Bloomberg|Mike Bloomberg
Saddam Hussein
George W. Bush
Nancy Pelosi|Pelosi
Mitch McConnell|McConnell
Chuck Schumer|Schumer|Charles Schumer
Paul Ryan
Bernie Sanders|Sanders
Elizabeth Warren
Robert Mueller|Mueller|Robert S. Mueller
James Comey|Comey|Jim Comey
Paul Manafort|Manafort
Brett Kavanaugh|Kavanaugh
Neil Gorsuch|Gorsuch
Steve Bannon|Bannon|Stephen Bannon
Alexandria Ocasio-Cortez|Ocasio-Cortez|AOC
Steven Mnuchin|Mnuchin|Steve Mnuchin
Amy Klobuchar|Klobuchar
Jared Kushner|Kushner
Ivanka Trump
Donald Trump Jr.|Trump Jr.|Don Jr.|Donald Trump Jr|Donald J. Trump Jr.
Eric Trump
Melania Trump
Mitt Romney|Romney
Sean Spicer|Spicer
John Bolton|Bolton
Mick Mulvaney|Mulvaney
Rod Rosenstein|Rosenstein
Anthony Fauci|Fauci|Tony Fauci
Rudy Giuliani|Giuliani|Rudolph Giuliani
Chuck Grassley|Grassley
Marco Rubio|Rubio
Ted Cruz|Cruz
Rand Paul
Bob Corker|Corker
Dianne Feinstein|Feinstein
Joe Manchin|Manchin
John Cornyn|Cornyn
Andrew McCabe|McCabe
Reince Priebus|Priebus
Betsy DeVos|DeVos
Don McGahn|McGahn
John Boehner|Boehner
Lisa Murkowski|Murkowski
Mark Zuckerberg|Zuckerberg
Pete Buttigieg|Buttigieg
Devin Nunes|Nunes
Adam Schiff|Schiff
William Barr|Bill Barr|Barr|William P. Barr
Jeff Sessions|Sessions
James Mattis|Mattis|Jim Mattis
Jerrold Nadler|Jerry Nadler|Nadler
Sean Hannity|Hannity
Ronald Reagan|Reagan
Richard Nixon|Nixon
Jeff Flake|Flake
Michael Flynn|Flynn
Michael Cohen
Christine Blasey Ford|Blasey Ford
Martin Luther King Jr.|Martin Luther King|MLK
Sarah Huckabee Sanders|Sarah Sanders
Beto O'Rourke|O'Rourke|O’Rourke|Beto O’Rourke
Cory Booker|Booker
Kirsten Gillibrand|Gillibrand
Lindsey Graham
Susan Collins
John McCain|McCain
Kevin McCarthy
John Kelly
Mark Meadows
Andrew Cuomo
Bill de Blasio|de Blasio
Nikki Haley|Haley
Kellyanne Conway
Stephen Miller
Steve Scalise|Scalise
Merrick Garland|Garland
Antony Blinken|Blinken
Mike Pompeo|Pompeo
Rex Tillerson|Tillerson
William Burns
John Kirby
Jake Sullivan
Lloyd Austin
Benjamin Netanyahu|Netanyahu|Bibi Netanyahu
Naftali Bennett
Yair Lapid
Benny Gantz|Gantz
Yoav Gallant|Gallant
Isaac Herzog
Shimon Peres|Peres
David Barnea
Yahya Sinwar|Sinwar
Ismail Haniyeh|Haniyeh
Mahmoud Abbas|Abbas
Hassan Nasrallah|Nasrallah
Ali Khamenei|Khamenei|Ayatollah Ali Khamenei
Hassan Rouhani|Rouhani
Ebrahim Raisi|Raisi
Abdel Fattah el-Sisi|Sisi|el-Sisi|Abdel Fattah al-Sisi|al-Sisi
Tamim bin Hamad Al Thani|Sheikh Tamim
Mohammed bin Abdulrahman Al Thani
Mohammed bin Salman|MBS
King Salman|Salman bin Abdulaziz
Recep Tayyip Erdogan|Erdogan|Erdoğan
Bashar al-Assad|Assad|Bashar Assad
Vladimir Putin|Putin
Sergey Lavrov|Lavrov|Sergei Lavrov
Volodymyr Zelensky|Zelensky|Zelenskyy|Volodymyr Zelenskyy
Xi Jinping|Xi
Kim Jong Un|Kim Jong-un|Kim Jong-Un
Moon Jae-in
Shinzo Abe|Abe
Narendra Modi|Modi
Imran Khan
Emmanuel Macron|Macron
Angela Merkel|Merkel
Olaf Scholz|Scholz
Theresa May
Boris Johnson
Rishi Sunak|Sunak
Keir Starmer|Starmer
Justin Trudeau|Trudeau
Andrés Manuel López Obrador|López Obrador|Lopez Obrador|Andres Manuel Lopez Obrador|AMLO
Jair Bolsonaro|Bolsonaro
Nicolás Maduro|Maduro|Nicolas Maduro
Juan Guaidó|Guaidó|Guaido|Juan Guaido
António Guterres|Guterres|Antonio Guterres
Pope Francis
Jens Stoltenberg|Stoltenberg
Ursula von der Leyen|von der Leyen
Tedros Adhanom Ghebreyesus|Tedros
Charles III|King Charles|King Charles III|Prince Charles
Prince William|William, Prince of Wales
Queen Elizabeth II|Queen Elizabeth|Elizabeth II
Giorgia Meloni|Meloni
Pedro Sánchez|Pedro Sanchez
Liz Truss|Truss
Jeremy Corbyn|Corbyn
Nicola Sturgeon|Sturgeon
Leo Varadkar|Varadkar
Micheál Martin|Micheal Martin
Mark Rutte|Rutte
Viktor Orbán|Viktor Orban|Orbán|Orban
Donald Tusk|Tusk
Andrzej Duda
Javier Milei|Milei
Luiz Inácio Lula da Silva|Lula|Luiz Inacio Lula da Silva|Lula da Silva
Gustavo Petro
Claudia Sheinbaum|Sheinbaum
Cyril Ramaphosa|Ramaphosa
Jacob Zuma
Bola Tinubu|Tinubu
William Ruto|Ruto
Abiy Ahmed
Paul Kagame|Kagame
Shehbaz Sharif
Nawaz Sharif
Sheikh Hasina
Rahul Gandhi
Sonia Gandhi
Arvind Kejriwal|Kejriwal
Amit Shah
Yoon Suk Yeol
Fumio Kishida|Kishida
Anthony Albanese|Albanese
Scott Morrison
Jacinda Ardern|Ardern
Li Qiang
Wang Yi
Mohammed Deif
Mohammed Sinwar
Saleh al-Arouri
Khaled Mashal|Khaled Meshaal
Mousa Abu Marzouk
Ziad al-Nakhalah
Abdul-Malik al-Houthi
Herzi Halevi
Daniel Hagari
Bezalel Smotrich|Smotrich
Itamar Ben-Gvir|Ben-Gvir|Itamar Ben Gvir
Gadi Eisenkot|Eisenkot
Ron Dermer
Tzachi Hanegbi
Ronen Bar
Mohammad Mustafa
Mohammad Shtayyeh
Hussein al-Sheikh
Abbas Araghchi
Hossein Amir-Abdollahian
Masoud Pezeshkian
Najib Mikati
Joseph Aoun
Ahmed al-Sharaa|Abu Mohammed al-Jolani|Abu Mohammad al-Julani
Mohammed bin Zayed|MBZ
Abdullah II|King Abdullah|King Abdullah II
Sameh Shoukry
Badr Abdelatty
Philippe Lazzarini|Lazzarini
Martin Griffiths
Tom Fletcher
Volker Türk|Volker Turk
Karim Khan
Josep Borrell|Borrell
Kaja Kallas
Charles Michel
Pope Leo XIV|Pope Leo
Elon Musk|Musk
`;

function parse(block: string, type: ActorType): GazetteerEntry[] {
  return block
    .trim()
    .split('\n')
    .map((line) => {
      const [name, ...aliases] = line.split('|').map((s) => s.trim());
      return { name: name!, type, aliases };
    });
}

/**
 * The UN's member states the hand-made list above leaves out (Namibia, Tonga, Ivory Coast...),
 * from the world-countries package: its common name, longer spellings, and demonyms. The list
 * above wins for a state it has (its aliases and exclusions are deliberate); Georgia stays out.
 * Spellings under four letters (ISO codes) are left out: "CI" or "TO" in capitals is rarely a
 * state in news text.
 */
function moreStates(listed: GazetteerEntry[]): GazetteerEntry[] {
  const known = new Set(listed.flatMap((e) => [e.name, ...e.aliases]).map((n) => n.toLowerCase()));
  const out: GazetteerEntry[] = [];
  for (const c of countries) {
    if (!c.unMember || c.cca3 === 'GEO') continue;
    const names = [c.name.common, c.name.official, ...c.altSpellings].filter(
      (n) => n.length >= 4 && /^[\p{L} .,'’()-]+$/u.test(n),
    );
    if (names.some((n) => known.has(n.toLowerCase()))) continue;
    const demonyms = [c.demonyms?.eng?.m, c.demonyms?.eng?.f].filter(
      (d): d is string => !!d && d.length >= 4,
    );
    const [name, ...aliases] = [
      ...new Set([...names, ...demonyms, ...demonyms.map((d) => `${d}s`)]),
    ];
    out.push({ name: name!, type: 'state', aliases });
  }
  return out;
}

const LISTED_STATES = parse(STATES, 'state');

export const GAZETTEER: GazetteerEntry[] = [
  ...LISTED_STATES,
  ...moreStates(LISTED_STATES),
  ...parse(ORGANIZATIONS, 'organization'),
  ...parse(GROUPS, 'group'),
  ...parse(PEOPLE, 'person'),
];

/** News organisations, photo agencies and social platforms: sources and media, never actors here. */
export const NEWS_ORGANIZATIONS: string[] = `
Reuters|Associated Press|AP|The Associated Press|Agence France-Presse|AFP|Getty Images|Getty|Bloomberg|Bloomberg News
CNN|Fox News|MSNBC|NBC|NBC News|ABC|ABC News|CBS|CBS News|NPR|PBS|BBC|Al Jazeera|Sky News|C-SPAN
The New York Times|New York Times|The Washington Post|Washington Post|The Wall Street Journal|Wall Street Journal
USA Today|Politico|Axios|The Hill|Breitbart|Breitbart News|The Guardian|Guardian|The Times|The Atlantic|Vox|HuffPost
Times of Israel|The Times of Israel|Haaretz|Jerusalem Post|The Jerusalem Post|Ynet|Channel 12|Channel 13|Kan|Al-Quds|Al Quds|Al-Arabiya|Al Arabiya
TASS|RIA Novosti|Xinhua|Interfax|Anadolu|Anadolu Agency|Newsweek|Time|The Daily Beast|Daily Mail|Fox Business|Washington Examiner|Washington Times|The Washington Times|National Review|The Federalist|Daily Caller|The Daily Caller|Slate|Mother Jones|The Intercept|BuzzFeed News|BuzzFeed|ProPublica|Los Angeles Times|Chicago Tribune|Boston Globe|Miami Herald|CNBC|Fox|Yahoo News|Financial Times|The Economist|Twitter|Facebook|YouTube|Instagram|TikTok|Truth Social|Weibo|WeChat|Telegram|WhatsApp|Reddit|LinkedIn|Snapchat|Threads|Bluesky|X (formerly Twitter)|Der Spiegel|Le Monde|Sputnik|RT
`
  .trim()
  .split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean);
