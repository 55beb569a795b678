/** Calendar quarters, the periods reports are usually asked for. Dates are `YYYY-MM-DD` strings throughout. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;

function quarterOf(year: number, quarter: number): Quarter {
  const q = quarter as Quarter['quarter'];
  const firstMonth = String((q - 1) * 3 + 1).padStart(2, '0');
  return { year, quarter: q, from: `${year}-${firstMonth}-01`, to: `${year}-${QUARTER_ENDS[q - 1]}` };
}

/** The quarter holding `today` and the `count - 1` before it, the latest first. */
export function recentQuarters(today: string, count: number): Quarter[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return Array.from({ length: count }, (_, back) => {
    const index = year * 4 + (quarter - 1) - back;
    return quarterOf(Math.floor(index / 4), (index % 4) + 1);
  });
}

/** The last quarter that has ended: what a quarterly report is written about. */
export function lastFullQuarter(today: string): Quarter {
  return recentQuarters(today, 2)[1] as Quarter;
}
