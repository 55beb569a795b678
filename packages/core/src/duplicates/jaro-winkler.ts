/**
 * Jaro and Jaro-Winkler string similarity (0 = nothing in common, 1 = identical), as OSCaR uses for names.
 * Written here rather than taken from a package: it is twenty lines, and core carries no dependencies it
 * does not need. Works on code points, so it can compare Khmer text as well as Latin phonetic keys.
 */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length > 0 ? 1 : 0;
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 || y.length === 0) return 0;

  // Characters count as matching only when they sit within this distance of each other.
  const window = Math.max(0, Math.floor(Math.max(x.length, y.length) / 2) - 1);
  const matchedX = new Array<boolean>(x.length).fill(false);
  const matchedY = new Array<boolean>(y.length).fill(false);
  let matches = 0;
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(y.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedY[j] || x[i] !== y[j]) continue;
      matchedX[i] = true;
      matchedY[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;

  // Matched characters that appear in a different order are transpositions; each pair counts once.
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    if (!matchedX[i]) continue;
    while (!matchedY[k]) k++;
    if (x[i] !== y[k]) outOfOrder++;
    k++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / x.length + matches / y.length + (matches - transpositions) / matches) / 3;
}

/**
 * Jaro similarity raised for a shared prefix of up to four characters: spelling variants of a name usually
 * agree at the start ("Sophea" / "Sophia"). The standard prefix scale is 0.1; more than 0.25 could exceed 1.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1): number {
  const similarity = jaro(a, b);
  const x = Array.from(a);
  const y = Array.from(b);
  let prefix = 0;
  while (prefix < 4 && prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
  return similarity + prefix * Math.min(prefixScale, 0.25) * (1 - similarity);
}
