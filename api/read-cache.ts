/**
 * Answers of hot read routes kept in the API process until a write changes what they read: each is
 * stamped with the change feed's counts of the tables it reads (db/change-feed.ts) and given again only
 * while those are unchanged. A write is announced as it commits, straight from PostgreSQL to the feed;
 * the Update that made it answers later, through the worker and Temporal. So a page reloaded after a
 * task was completed shows the completion, and a revoked API token is refused on its next request.
 * Without a listening feed every read goes to the database. Answers are shared: never change one.
 * Concurrent misses of one key share one read.
 */
import { LRUCache } from 'lru-cache';
import { ChangeFeed, type ChangeScope } from '../db/change-feed';
import { hasOwnSessions } from '../db/prepared-statements';

export interface ReadCacheOptions {
  /** Answers kept at most (least recently used first out). */
  maxEntries?: number;
}

interface Entry {
  stamp: string;
  value: unknown;
}

export class ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly pending = new Map<string, { stamp: string; value: Promise<unknown> }>();

  constructor(
    private readonly feed: ChangeFeed,
    { maxEntries = 2_000 }: ReadCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  /**
   * The answer of `read` for `key`, kept while no write to what it read (`scopes`) has been announced.
   * `partsOf`, when given, names more scopes that depend on the state of `scopes` (the task audiences of
   * organisations: read after `scopes` are stamped, so a change to them in between voids the answer).
   */
  async read<T>(key: string, scopes: readonly ChangeScope[], read: () => Promise<T>, partsOf?: () => Promise<readonly ChangeScope[]>): Promise<T> {
    // Stamped before reading: a write announced during the read leaves a stamp that no longer matches.
    const first = this.feed.stampOf(scopes);
    if (first === undefined) return read();
    const more = partsOf ? this.feed.stampOf(await partsOf()) : '';
    if (more === undefined) return read();
    const stamp = `${first}+${more}`;
    const kept = this.entries.get(key);
    if (kept?.stamp === stamp) return kept.value as T;
    const inFlight = this.pending.get(key);
    if (inFlight?.stamp === stamp) return inFlight.value as Promise<T>;
    const value = read();
    this.pending.set(key, { stamp, value });
    try {
      const answer = await value;
      this.entries.set(key, { stamp, value: answer });
      return answer;
    } finally {
      if (this.pending.get(key)?.value === value) this.pending.delete(key);
    }
  }
}

/** `read` through the cache when there is one. */
export function readThrough<T>(
  cache: ReadCache | undefined,
  key: readonly unknown[],
  scopes: readonly ChangeScope[],
  read: () => Promise<T>,
  partsOf?: () => Promise<readonly ChangeScope[]>,
): Promise<T> {
  return cache ? cache.read(JSON.stringify(key), scopes, read, partsOf) : read();
}

/** Whole tables as scopes. */
export const wholeTables = (...tables: ChangeScope['table'][]): ChangeScope[] => tables.map((table) => ({ table }));

/**
 * The read cache of an API on `databaseUrl`, with its change feed (which keeps trying while PostgreSQL
 * cannot be reached: every read goes to the database meanwhile), or undefined on the embedded PGlite,
 * whose connections share one session.
 */
export async function startReadCache(databaseUrl: string, { log }: { log: (message: string) => void }): Promise<{ cache: ReadCache; feed: ChangeFeed } | undefined> {
  if (!hasOwnSessions(databaseUrl)) return undefined;
  const feed = await ChangeFeed.start(databaseUrl, { log });
  return { cache: new ReadCache(feed), feed };
}
