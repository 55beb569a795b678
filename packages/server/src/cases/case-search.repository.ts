import { mayRead, normaliseForSearch, romanisedQueryKeys, type CaseListQuery } from '@homeward/core';
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { Actor } from '../auth/actor';
import type { CaseRow, Database } from '../db/schema';
import { requirePermission } from '../access/require-permission';
import { auditCase } from './case-audit';
import { filterCases, sortCases } from './case-filters.repository';
import { identityReachable, visibleCases } from './child-visibility';

type Executor = Kysely<Database> | Transaction<Database>;

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A number the case had under an earlier lead (a transfer's sender keeps its own in `case_reference`): the
 * former lead finds the case by the number on its paper file, still only as far as it reaches the case.
 */
function earlierNumber(eb: ExpressionBuilder<Database, 'child_case'>, pattern: string) {
  return eb(
    'child_case.id',
    'in',
    eb
      .selectFrom('case_reference as r')
      .select('r.case_id')
      .where(sql<boolean>`lower(r.case_number) like ${pattern}`),
  );
}

export async function searchCases(
  db: Executor,
  actor: Actor,
  query: CaseListQuery,
  today: string,
): Promise<{ rows: CaseRow[]; total: number }> {
  requirePermission(actor, 'case.read');
  let base = filterCases(visibleCases(db, actor), query, today);
  const q = query.q ? normaliseForSearch(query.q) : '';
  if (q && !mayRead(actor.access, 'identity')) {
    // Finding a child by a guessed name would confirm the name: without identity, only number and alias answer.
    const pattern = likePattern((query.q ?? '').trim().toLowerCase());
    base = base.where((eb) =>
      eb.or([
        eb(sql`lower(case_number)`, 'like', pattern),
        earlierNumber(eb, pattern),
        eb(sql`lower(coalesce(alias, ''))`, 'like', pattern),
      ]),
    );
  } else if (q) {
    const spellings = romanisedQueryKeys(query.q ?? '').map((key) => likePattern(key));
    const pattern = likePattern((query.q ?? '').trim().toLowerCase());
    base = base.where((eb) =>
      eb.or([
        // A name finds only the children whose identity the reader's organisation holds or was given.
        eb.and([
          identityReachable(eb, actor),
          eb.or([
            eb('search_key', 'like', likePattern(q)),
            ...spellings.map((key) => eb('romanised_key', 'like', key)),
          ]),
        ]),
        eb(sql`lower(case_number)`, 'like', pattern),
        earlierNumber(eb, pattern),
        eb(sql`lower(coalesce(alias, ''))`, 'like', pattern),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    sortCases(base.selectAll(), query).limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // The search words may be a child's name: the audit keeps only that a search happened and what it found.
  await auditCase(db, actor, q ? 'case.search' : 'case.list', null, { results: rows.length, total: count.n });
  return { rows, total: count.n };
}
