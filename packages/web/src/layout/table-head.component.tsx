/** A data table's caption, for screen readers only, and its column headings, as every list table here has them. */
export function TableHead({ caption, labels }: { caption: string; labels: readonly string[] }) {
  return (
    <>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {labels.map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
    </>
  );
}
