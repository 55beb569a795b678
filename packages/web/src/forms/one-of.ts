/** A select's value as one of its options, or '' for "none chosen"; anything else is refused rather than cast. */
export function oneOf<T extends string>(options: readonly T[], value: string): T | '' {
  return (options as readonly string[]).includes(value) ? (value as T) : '';
}
