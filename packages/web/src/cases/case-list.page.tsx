import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { can, mayRead } from '@homeward/core';
import { CASE_PAGE_SIZE, useCaseList } from '../api/cases.resource';
import { useUser } from '../auth/user-context';
import { LoadingState, RequestErrorState } from '../layout/states.component';
import { useDocumentTitle } from '../text/use-document-title';
import { CaseFilters } from './case-filters.component';
import { filtersFromParams, filtersToParams, hasFilters, type CaseListFilters } from './case-list-filters';
import { CaseTable } from './case-table.component';
import { OfflineNotice } from '../offline/offline-notice.component';

const SEARCH_DELAY_MS = 300;

export function CaseListPage() {
  const { t } = useTranslation();
  const user = useUser();
  useDocumentTitle(t('cases:list.title'));
  // The search lives in the URL, so "back" from a case returns to the same results.
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  // A case opened while its page is still loading keeps this address until it arrives: the waiting search
  // must not navigate then, or it would cancel the case's navigation.
  const navigation = useNavigation();
  const navigating = useRef(false);
  navigating.current = navigation.state !== 'idle';
  const filters = filtersFromParams(params);
  const q = filters.q ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [draft, setDraft] = useState(q);
  // When the URL's search changes from outside (the "Cases" link, back and forward), show it in the box;
  // but not when it is our own debounced copy of the box, or the space just typed would vanish.
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (draft.trim() !== q) setDraft(q);
  }

  useEffect(() => {
    const trimmed = draft.trim();
    if (trimmed === q) return;
    const timer = setTimeout(() => {
      // A case opened while the search waited: the router may not have left this page yet, and the search
      // would land on the case's address instead.
      if (navigating.current || window.location.pathname !== pathname) return;
      setParams(filtersToParams({ ...filtersFromParams(params), q: trimmed || undefined }), { replace: true });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, q, params, setParams, pathname]);

  if (!can(user.access, 'case.read')) {
    return (
      <section className="page">
        <h1>{t('cases:list.title')}</h1>
        <p>{t('cases:list.noAccess')}</p>
      </section>
    );
  }

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('cases:list.title')}</h1>
        {can(user.access, 'case.create') ? (
          <div className="page__actions">
            <Link to="/cases/group" className="button" data-testid="group-intake-link">
              {t('oversight:groupIntake.link')}
            </Link>
            <Link to="/cases/new" className="button button--primary">
              {t('nav.newCase')}
            </Link>
          </div>
        ) : null}
      </div>
      <OfflineNotice />
      <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="case-search" className="field__label">
          {t('cases:list.searchLabel')}
        </label>
        <p id="case-search-hint" className="field__hint">
          {/* The server searches only number and alias for a role that may not know who the children are. */}
          {t(mayRead(user.access, 'identity') ? 'cases:list.searchHint' : 'cases:list.searchHintWithoutNames')}
        </p>
        <input
          id="case-search"
          type="search"
          className="search__input"
          aria-describedby="case-search-hint"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </form>
      <CaseFilters filters={filters} onChange={(next) => setParams(filtersToParams(next))} />
      <CaseResults
        filters={filters}
        offset={offset}
        canCreate={can(user.access, 'case.create')}
        onPage={(next) => setParams(filtersToParams(filters, next))}
      />
    </section>
  );
}

interface CaseResultsProps {
  filters: CaseListFilters;
  offset: number;
  canCreate: boolean;
  onPage: (offset: number) => void;
}

function CaseResults({ filters, offset, canCreate, onPage }: CaseResultsProps) {
  const { t } = useTranslation();
  const { data, error, isPending, refetch, isPlaceholderData } = useCaseList(filtersToParams(filters, offset));
  const q = filters.q ?? '';
  const filtered = hasFilters(filters);

  // The live region is always on the page, so the count is announced each time the results change.
  const count = data
    ? q
      ? t('cases:list.matchCount', { count: data.total, query: q })
      : t('cases:list.count', { count: data.total })
    : '';

  return (
    <div className="results" aria-busy={isPlaceholderData || undefined}>
      <p className="results__count" role="status" aria-live="polite" data-testid="case-count">
        {count}
      </p>
      {isPending ? <LoadingState /> : null}
      {error ? <RequestErrorState error={error} onRetry={() => void refetch()} /> : null}
      {data && data.items.length === 0 ? (
        <div className="empty-state" data-testid="case-list-empty">
          <p>
            {q ? t('cases:list.noMatch', { query: q }) : filtered ? t('cases:filters.noMatch') : t('cases:list.empty')}
          </p>
          {!q && !filtered && canCreate ? (
            <Link to="/cases/new" className="button button--primary">
              {t('cases:list.createFirst')}
            </Link>
          ) : null}
        </div>
      ) : null}
      {data && data.items.length > 0 ? <CaseTable cases={data.items} /> : null}
      {data && data.total > CASE_PAGE_SIZE ? (
        <nav className="pager" aria-label={t('cases:list.pages')}>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => onPage(Math.max(0, offset - CASE_PAGE_SIZE))}
          >
            {t('cases:list.previous')}
          </button>
          <span>
            {t('cases:list.range', {
              from: offset + 1,
              to: Math.min(offset + CASE_PAGE_SIZE, data.total),
              total: data.total,
            })}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset + CASE_PAGE_SIZE >= data.total}
            onClick={() => onPage(offset + CASE_PAGE_SIZE)}
          >
            {t('cases:list.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
