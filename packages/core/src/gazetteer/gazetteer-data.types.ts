/** The shape of gazetteer.data.json: rows of [code, Khmer name, Latin name], sorted by code. */
export interface GazetteerData {
  source: string;
  places: string[][];
}
