import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CombinedError, useClient, useQuery, type TypedDocumentNode } from 'urql';
import type { CaseFilterInput } from '../../../generated/schema';
import { CasesQuery, type CaseConnection, type CaseSummary } from '../../cases/graphql/case';
import { apiError, type ApiError } from '../../ui/lib/errors';

export const PAGE_SIZE = 50;

/** A page of cases whose nodes carry at least the pipeline's summary. */
export interface Connection<T extends CaseSummary> {
  edges: { cursor: string; node: T }[];
  pageInfo: CaseConnection['pageInfo'];
}

/** A query for a page of the viewer's cases, as `cases(filter, first, after)` answers it. */
export type CaseListQuery<T extends CaseSummary> = TypedDocumentNode<{ cases: Connection<T> }, { filter: CaseFilterInput | null; first: number; after: string | null }>;

/** Every case of the pages, in page order, each once (a case that moved between pages keeps its first place). */
export function casesOf<T extends CaseSummary>(pages: readonly (Connection<T> | undefined)[]): T[] {
  const seen = new Set<string>();
  const cases: T[] = [];
  for (const page of pages) {
    for (const { node } of page?.edges ?? []) {
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      cases.push(node);
    }
  }
  return cases;
}

function asApiError(error: unknown): ApiError {
  return error instanceof CombinedError ? apiError(error) : { message: 'The next cases could not be loaded. Try again.', code: null };
}

/**
 * The viewer's cases matching `filter`, a page at a time (the api's cursor connection):
 * the first page through urql's cache, "Load more" appends the next ones. `refetch` asks the
 * network again for as many pages as are shown, following the fresh cursors, so a live change
 * does not collapse a long list back to its first page.
 */
export function useCaseList<T extends CaseSummary = CaseSummary>(
  filter: CaseFilterInput | null,
  pageSize: number = PAGE_SIZE,
  query: CaseListQuery<T> = CasesQuery as unknown as CaseListQuery<T>,
) {
  const client = useClient();
  const key = JSON.stringify(filter);
  // `key` stands for `filter`: a new object with the same content is the same list.
  const variables = useMemo(() => ({ filter, first: pageSize, after: null }), [key, pageSize]);
  const [first, reexecute] = useQuery({ query, variables, requestPolicy: 'cache-and-network' });
  const [more, setMore] = useState<{ key: string; pages: Connection<T>[] }>({ key, pages: [] });
  const [loading, setLoading] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const generation = useRef(0);
  const pendingReload = useRef(0);

  const pages = more.key === key ? more.pages : [];
  const pagesRef = useRef(pages);
  pagesRef.current = pages;

  // The first page as last answered for these filters: a failed refetch keeps the list on screen.
  const lastGood = useRef<{ key: string; page: Connection<T> } | null>(null);
  if (first.data?.cases) lastGood.current = { key, page: first.data.cases };
  const firstPage = first.data?.cases ?? (lastGood.current?.key === key ? lastGood.current.page : undefined);

  useEffect(() => {
    generation.current += 1;
    pendingReload.current = 0;
    setLoading(false);
    setMoreError(null);
  }, [key]);

  const fetchPages = useCallback(
    async (after: string | null, count: number): Promise<Connection<T>[]> => {
      const out: Connection<T>[] = [];
      let cursor = after;
      for (let i = 0; i < count; i += 1) {
        const result = await client
          .query(query, { filter, first: pageSize, after: cursor }, { requestPolicy: 'network-only' })
          .toPromise();
        if (result.error) throw result.error;
        const page = result.data?.cases;
        if (!page) break;
        out.push(page);
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        cursor = page.pageInfo.endCursor;
      }
      return out;
    },
    // `key` stands for `filter`.
    [client, key, pageSize, query],
  );

  const lastPage = pages.at(-1) ?? firstPage;
  const hasMore = Boolean(lastPage?.pageInfo.hasNextPage && lastPage.pageInfo.endCursor);

  const loadMore = useCallback(async () => {
    const last = pagesRef.current.at(-1) ?? firstPage;
    if (!last?.pageInfo.hasNextPage || !last.pageInfo.endCursor || loading) return;
    const started = generation.current;
    setLoading(true);
    setMoreError(null);
    try {
      const next = await fetchPages(last.pageInfo.endCursor, 1);
      if (started !== generation.current) return;
      setMore({ key, pages: [...pagesRef.current, ...next] });
    } catch (error) {
      if (started === generation.current) setMoreError(asApiError(error));
    } finally {
      if (started === generation.current) setLoading(false);
    }
  }, [fetchPages, firstPage, key, loading]);

  const refetch = useCallback(() => {
    generation.current += 1;
    pendingReload.current = pagesRef.current.length;
    setLoading(false);
    setMoreError(null);
    reexecute({ requestPolicy: 'network-only' });
  }, [reexecute]);

  // After a refetch, load again the pages that were shown beyond the first.
  const fresh = first.data?.cases;
  useEffect(() => {
    const count = pendingReload.current;
    if (!fresh || first.fetching || first.stale || count === 0) return;
    pendingReload.current = 0;
    const started = generation.current;
    if (!fresh.pageInfo.hasNextPage || !fresh.pageInfo.endCursor) {
      setMore({ key, pages: [] });
      return;
    }
    fetchPages(fresh.pageInfo.endCursor, count).then(
      (reloaded) => {
        if (started === generation.current) setMore({ key, pages: reloaded });
      },
      // The pages shown stay; "Load more" or the next change tries again.
      () => undefined,
    );
  }, [fresh, first.fetching, first.stale, fetchPages, key]);

  const cases = useMemo(() => (firstPage ? casesOf([firstPage, ...pages]) : undefined), [firstPage, pages]);
  return {
    cases,
    error: first.error,
    fetching: first.fetching,
    hasMore,
    loadMore,
    loadingMore: loading,
    loadMoreError: moreError,
    refetch,
  };
}
