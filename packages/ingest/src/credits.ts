/**
 * Photo agencies and picture libraries that sign a picture credit ("Jane Doe / Getty Images",
 * "(AP Photo/John Roe)"): one list for the cleaner, which drops credit lines, and the actor
 * extractor, which blanks a credit inside a line so its photographer is never an actor.
 */
export const PHOTO_AGENCIES = [
  'getty images',
  'getty',
  'afp',
  'ap',
  'ap photo',
  'associated press',
  'reuters',
  'epa',
  'epa-efe',
  'shutterstock',
  'istock(?:photo)?',
  'xinhua',
  'anadolu(?: agency)?',
  'bloomberg',
  'sipa',
  'dpa',
  'ddp',
  'alamy',
  'pixabay',
  'unsplash',
  'wikimedia commons',
  'dreamstime',
  'pool',
  'via getty images',
];

/** The agencies as one regular-expression group (match case-insensitively). */
export const AGENCY_GROUP = `(?:${PHOTO_AGENCIES.join('|')})`;
