export {
  PLACE_LEVELS,
  childrenOf,
  findPlace,
  formatPlace,
  gazetteerSource,
  isVillageCode,
  placeName,
  placePath,
  searchPlaces,
} from './gazetteer';
export type { Place, PlaceLevel, PlaceMatch, PlaceSearchOptions } from './gazetteer';
export { isGazetteerLoaded, loadGazetteer } from '#places-data';
export type { GazetteerData } from './gazetteer-data.types';
