export { jaro, jaroWinkler } from './jaro-winkler';
export { romaniseKhmer } from './khmer-romanise';
export { khmerPhoneticKey, latinPhoneticKey, phoneticKey, phoneticStemKey, PHONETIC_RULES } from './phonetic-key';
export { DUPLICATE_THRESHOLDS, findDuplicates, scoreMatch } from './duplicate-match';
export type {
  BirthDetail,
  ChildIdentity,
  DuplicateCandidate,
  DuplicateOptions,
  MatchReason,
  NameDetail,
  PlaceDetail,
} from './duplicate-match';
export { romanisedQueryKeys, romanisedSearchKey, type SearchableNames } from './name-search-key';
