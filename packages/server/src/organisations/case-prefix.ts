/** A short prefix for case numbers from the organisation's name: "Damnok Toek" → "DT". */
export function casePrefixFor(name: string): string {
  const initials = name
    .normalize('NFKD')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')
    .slice(0, 5);
  return initials.length >= 2 ? initials : 'HW';
}
