export {
  GAZETTEER_SOURCE,
  PLACE_LEVELS,
  childrenOf,
  findPlace,
  formatPlace,
  isVillageCode,
  placeName,
  placePath,
  searchPlaces,
} from './gazetteer';
export type { Place, PlaceLevel, PlaceMatch, PlaceSearchOptions } from './gazetteer';
