import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** How a refusing SMTP server answers: at RCPT TO for some addresses, or at the end of DATA. */
export interface Refusal {
  /** Reply code for RCPT TO of an address this matches (e.g. 550 unknown mailbox, 451 try later). */
  recipient?: { matches: (address: string) => boolean; responseCode: number };
  /** Reply code at the end of DATA for every message (e.g. 554 rejected, 452 no room). */
  data?: number;
}

/** A real SMTP server on loopback that refuses as told: for the permanent and transient failures of sendNotification. */
export async function startRefusingSmtp(refusal: Refusal): Promise<{ url: string; received: number; stop(): Promise<void> }> {
  const state = { received: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 200, // the mailer's pooled connection would otherwise hold stop() for 30 s
    onRcptTo(address, _session, callback) {
      const rule = refusal.recipient;
      if (rule?.matches(address.address)) {
        callback(Object.assign(new Error(`Mailbox ${address.address} refused`), { responseCode: rule.responseCode }));
      } else {
        callback();
      }
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        if (refusal.data) return callback(Object.assign(new Error('Message refused'), { responseCode: refusal.data }));
        state.received++;
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
