/**
 * Score lists (CSI domains, family items, follow-up wellbeing) are sent as arrays of the domains actually
 * scored, while the form shows every domain: errors come back by array position and must find their domain.
 */
export function renameByDomain(listPath: string, domains: readonly string[]): (path: string) => string {
  const prefix = `${listPath}.`;
  return (path) => {
    if (!path.startsWith(prefix)) return path;
    const [index, ...rest] = path.slice(prefix.length).split('.');
    const domain = domains[Number(index)];
    if (domain === undefined) return path;
    return [listPath, domain, ...(rest.length > 0 ? rest : ['score'])].join('.');
  };
}
