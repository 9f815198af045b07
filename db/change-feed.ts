/**
 * What changed in the records, as PostgreSQL announces it: every statement that writes one of the
 * CHANGE_TABLES sends a notification on CHANGE_CHANNEL (the statement triggers of
 * prisma/migrations/20261202100000_change_notifications), delivered when its transaction commits,
 * whoever wrote (the worker's activities, the API, scripts). Its payload is the table's name, and for
 * tasks the parts of the table written: `task|a:12|o:DOCK` (the audiences and owning organisations of the
 * rows before and after); a bare `task` stands for every part. The feed LISTENs on one connection of its
 * own and counts the notifications per table and part; api/read-cache.ts stamps what it keeps with them.
 *
 * A notification sent while the feed is not listening is lost, so the feed says nothing (stampOf gives
 * undefined: read afresh) from the moment its connection fails until it listens again, and a new
 * connection starts a new epoch: nothing stamped before it is trusted after.
 */
import { Client } from 'pg';

export const CHANGE_CHANNEL = 'regie_changes';

/** The tables whose writes are announced. */
export const CHANGE_TABLES = ['task', 'contract', 'tender', 'task_audience_member', 'api_token'] as const;
export type ChangeTable = (typeof CHANGE_TABLES)[number];

/** What a read depends on: a whole table, or only some of its parts (tasks: `a:<audience id>`, `o:<organisation>`). */
export interface ChangeScope {
  table: ChangeTable;
  parts?: readonly string[];
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface ChangeFeedOptions {
  log?: (message: string) => void;
}

export class ChangeFeed {
  private client: Client | undefined;
  /** Per table: every notification. */
  private readonly all = new Map<string, number>();
  /** Per table: the notifications of the whole table (no parts named). */
  private readonly whole = new Map<string, number>();
  /** Per table and part (`task|a:12`). */
  private readonly parts = new Map<string, number>();
  private epoch = 0;
  private listening = false;
  private closed = false;
  private retryMs = RECONNECT_MIN_MS;
  private retry: NodeJS.Timeout | undefined;
  private readonly log: (message: string) => void;

  private constructor(
    private readonly databaseUrl: string,
    { log = () => {} }: ChangeFeedOptions,
  ) {
    this.log = log;
  }

  /**
   * Starts listening: resolves once the first LISTEN succeeded, or failed. After a failure (PostgreSQL
   * not reachable yet) the feed is not live and tries again in the background, as after a lost connection.
   */
  static async start(databaseUrl: string, options: ChangeFeedOptions = {}): Promise<ChangeFeed> {
    const feed = new ChangeFeed(databaseUrl, options);
    await feed.connect().catch((error: unknown) => {
      feed.log(`change feed not listening (${(error as Error).message}): reading afresh until it listens`);
      feed.scheduleReconnect();
    });
    return feed;
  }

  /** Whether every change is being heard now. */
  get live(): boolean {
    return this.listening;
  }

  /**
   * A stamp of the state of `tables`: equal stamps mean no announced write to them in between. Undefined
   * while the feed is not listening (a write could go unheard).
   */
  stampOf(scopes: readonly ChangeScope[]): string | undefined {
    if (!this.listening) return undefined;
    const count = (counts: Map<string, number>, key: string) => counts.get(key) ?? 0;
    const stamps = scopes.map(({ table, parts }) =>
      parts ? `${count(this.whole, table)}/${parts.map((part) => count(this.parts, `${table}|${part}`)).join('/')}` : `${count(this.all, table)}`,
    );
    return `${this.epoch}:${stamps.join(':')}`;
  }

  private heard(payload: string): void {
    const [table, ...parts] = payload.split('|') as [string, ...string[]];
    const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
    bump(this.all, table);
    if (parts.length === 0) bump(this.whole, table);
    for (const part of parts) bump(this.parts, `${table}|${part}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    // keepAlive: a connection that died silently (a network cut) is noticed, and the feed stops vouching.
    const client = new Client({ connectionString: this.databaseUrl, application_name: 'regie-change-feed', connectionTimeoutMillis: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on('notification', ({ channel, payload }) => {
      if (channel === CHANGE_CHANNEL && payload) this.heard(payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      client.removeAllListeners();
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.epoch++;
    this.listening = true;
    this.retryMs = RECONNECT_MIN_MS;
  }

  private lost(client: Client, error?: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.listening = false;
    client.removeAllListeners();
    client.on('error', () => {});
    void client.end().catch(() => {});
    if (this.closed) return;
    this.log(`change feed lost its connection${error ? ` (${error.message})` : ''}: reading afresh until it listens again`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.retry = setTimeout(() => {
      this.connect().then(
        () => this.log('change feed listening again'),
        () => {
          this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, this.retryMs);
    this.retry.unref();
  }
}
