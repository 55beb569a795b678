const KB = 1024;
const MB = 1024 * 1024;

/** "820 KB", "2.4 MB": sizes as people say them, with the same units in Khmer. */
export function formatFileSize(bytes: number): string {
  const number = (value: number, digits: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
  if (bytes >= MB) return `${number(bytes / MB, 1)} MB`;
  if (bytes >= KB) return `${number(Math.max(1, Math.round(bytes / KB)), 0)} KB`;
  return `${number(bytes, 0)} B`;
}
