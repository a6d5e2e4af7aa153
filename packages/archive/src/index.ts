export { openArchive, toSearchDocument } from './archive.ts';
export { aliasKey } from './actors.ts';
export { hashToken } from './tokens.ts';
export { migrations } from './migrations.ts';
export type * from './types.ts';
