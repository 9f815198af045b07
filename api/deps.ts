import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/client';
import type { MailCapture } from '../mail/capture-server';

export interface ApiDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** Deadline of every call to Temporal within a request, in ms (504 past it); default in api/server.ts. */
  temporalDeadlineMs?: number;
  /** The embedded SMTP capture, when no SMTP_URL is set: its mail is listed at GET /mail. */
  mailCapture?: MailCapture;
}
