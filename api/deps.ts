import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/client';
import type { MailCapture } from '../mail/capture-server';
import type { Mailer } from '../mail/transport';
import type { OidcSettings } from './auth/sign-in-settings';
import type { ReadCache } from './read-cache';

export interface ApiDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** Deadline of every call to Temporal within a request, in ms (504 past it); default in api/server.ts. */
  temporalDeadlineMs?: number;
  /** The embedded SMTP capture, when no SMTP_URL is set: its mail is listed at GET /mail. */
  mailCapture?: MailCapture;
  /** regie's outgoing mail (the same SMTP as the worker's notifications): sign-in links. Without it, no link can be sent (503). */
  mailer?: Mailer;
  /** The address people reach regie at (config PUBLIC_URL): links in mail, Secure cookies when https. Default http://127.0.0.1:3000. */
  publicUrl?: string;
  /** OpenID Connect sign-in, when configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  oidc?: OidcSettings;
  /** Keeps the hot reads' answers until a write changes them (api/read-cache.ts); without it every read goes to the database. */
  readCache?: ReadCache;
}
