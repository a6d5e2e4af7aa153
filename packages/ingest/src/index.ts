export type { RawArticle, ReadResult, ReadOptions } from './types.ts';
export { DEFAULT_MAX_BYTES } from './types.ts';
export { readSources, readFile, readText, detectFormat, expandInputs } from './sources.ts';
export { decodeBytes } from './decode.ts';
export { cleanText } from './clean.ts';
export type { CleanedText, CleanOptions } from './clean.ts';
export { htmlFragmentToText } from './html.ts';
export { normalizeByline, bylineFromLine } from './byline.ts';
export { parseDate, datelineDate } from './dates.ts';
export { outletNameForDomain, outletFromName } from './outlets.ts';
export { canonicalUrl, articleId, contentHash } from './ids.ts';
export {
  mapRecord,
  fieldMappingFrom,
  looksLikeFileName,
  missingColumns,
  MAPPABLE_FIELDS,
  ColumnTally,
} from './fields.ts';
export type { FieldMapping, MappableField, ColumnsUsed } from './fields.ts';
export { prepareArticle, prepareItems, deriveTitle, looksLikePerson } from './prepare.ts';
export type { PrepareOptions, PrepareResult, ItemResult } from './prepare.ts';
export { runIngest } from './pipeline.ts';
export type { IngestSink, IngestProgress, IngestReport, RunIngestOptions } from './pipeline.ts';
export { createActorExtractor } from './actors/index.ts';
export type { ActorExtractor, ActorInput, DictionaryEntry } from './actors/index.ts';
export { minhashSignature } from './stories/minhash.ts';
export { coverageProfile, terms as profileTerms } from './stories/profile.ts';
export { formatFrequencies, frequencyModule } from './stories/frequencies.ts';
