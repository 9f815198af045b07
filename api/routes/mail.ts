import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps';

/** The mail captured by the embedded SMTP server (only when no SMTP_URL is configured). */
export function mailRoutes({ mailCapture }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/mail', {
        schema: {
          tags: ['mail'],
          summary: 'Captured outgoing mail, newest first (embedded SMTP capture only)',
          response: {
            200: z.array(
              z.looseObject({
                messageId: z.string().optional(),
                from: z.string().optional(),
                to: z.array(z.string()),
                subject: z.string(),
                text: z.string().optional(),
                receivedAt: z.union([z.string(), z.date()]),
                attachments: z.array(z.looseObject({ filename: z.string().optional(), contentType: z.string() })),
              }),
            ),
          },
        },
      }, async () =>
      [...(mailCapture?.messages() ?? [])].reverse().map(({ messageId, from, to, subject, text, receivedAt, attachments }) => ({
        messageId,
        from,
        to,
        subject,
        text,
        receivedAt,
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
      })),
    );
  };
}
