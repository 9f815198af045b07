// regie's configuration: the environment variables, parsed and checked once at start.
// Empty values count as unset (Compose's `${VAR:-}` and the like), so defaults still apply.
// Temporal's own variables for TLS, API keys and profiles (TEMPORAL_TLS_*, TEMPORAL_API_KEY,
// TEMPORAL_PROFILE, TEMPORAL_CONFIG_FILE) are read by @temporalio/envconfig: see config/temporal-connection.ts.
import { z } from 'zod';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Treats '' and whitespace as unset, so that `.optional()` and `.default()` apply. */
const unsetIfBlank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function urlWithScheme(schemes: string[], example: string) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}//`).join(' or ')}, e.g. ${example}` },
  );
}

function port(fallback: number) {
  return z.preprocess(
    unsetIfBlank,
    z.coerce
      .number({ message: 'must be a port number' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be between 0 and 65535' })
      .max(65535, { message: 'must be between 0 and 65535' })
      .default(fallback),
  );
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
const withDefault = (fallback: string) => z.preprocess(unsetIfBlank, z.string().trim().default(fallback));

export const envSchema = z.object({
  /** PostgreSQL of regie's records; unset: embedded PGlite in DATA_DIR (scripts/start.ts only). */
  DATABASE_URL: optional(urlWithScheme(['postgres:', 'postgresql:'], 'postgresql://regie:secret@localhost:5432/regie')),
  /** Temporal frontend host:port; unset: scripts/start.ts runs a local dev server. */
  TEMPORAL_ADDRESS: optional(
    z
      .string()
      .trim()
      .regex(/^(\[[0-9A-Fa-f:.]+\]|[^\s:/[\]]+)(:\d{1,5})?$/, {
        message: 'must be host:port without a scheme, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233',
      }),
  ),
  TEMPORAL_NAMESPACE: withDefault('default'),
  TEMPORAL_TASK_QUEUE: withDefault('regie'),
  /** Outgoing mail; unset: scripts/start.ts captures mail in DATA_DIR/mail instead of delivering it. */
  SMTP_URL: optional(urlWithScheme(['smtp:', 'smtps:'], 'smtp://user:pass@mail.example.org:587')),
  /** Sender of regie's mail, e.g. `Gemeente Zaanstad <inkoop@zaanstad.nl>`; default in mail/transport.ts. */
  MAIL_FROM: optional(z.string().trim()),
  /**
   * The address people reach regie at, e.g. https://regie.zaanstad.nl: the links in mail (sign-in links,
   * calendar feeds) and the OIDC redirect start with it; https makes the cookies Secure.
   * Unset: http://127.0.0.1:PORT (see publicUrlOf).
   */
  PUBLIC_URL: optional(urlWithScheme(['http:', 'https:'], 'https://regie.zaanstad.nl')),
  /**
   * OpenID Connect sign-in (a municipality's own identity provider), all three or none: the issuer
   * (discovered at ISSUER/.well-known/openid-configuration) and this client's registration there. The
   * redirect URI to register is PUBLIC_URL/auth/oidc/callback. Unset: sign-in by email link only.
   */
  OIDC_ISSUER: optional(urlWithScheme(['http:', 'https:'], 'https://login.zaanstad.nl/realms/medewerkers')),
  OIDC_CLIENT_ID: optional(z.string().trim()),
  OIDC_CLIENT_SECRET: optional(z.string().trim()),
  /**
   * The first administrator of the role directory, made at start when the directory has none (an
   * organisation's administrator is the only one who can assign roles there). `npm start` defaults to
   * beheer@gemeente.example in "Gemeente Voorbeeld"; api/main.ts makes one only when both are set.
   */
  REGIE_ADMIN_EMAIL: optional(z.email({ message: 'must be an email address, e.g. beheer@zaanstad.nl' })),
  REGIE_ADMIN_ORGANISATION: optional(z.string().trim().min(1).max(200)),
  /**
   * Behind a reverse proxy: the proxies whose X-Forwarded-For the API believes, so that the client IP (the
   * sign-in rate limits count per IP) is the person's, not the proxy's. A number of hops (e.g. 1) or
   * addresses and CIDR ranges, comma-separated (e.g. 10.0.0.0/8,127.0.0.1). Unset: no proxy trusted.
   */
  TRUST_PROXY: optional(
    z
      .string()
      .trim()
      .regex(/^(\d{1,2}|[0-9A-Fa-f:.]+(\/\d{1,3})?(\s*,\s*[0-9A-Fa-f:.]+(\/\d{1,3})?)*)$/, {
        message: 'must be a number of proxies (e.g. 1) or comma-separated addresses or CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1)',
      }),
  ),
  /** Interface the API listens on. */
  HOST: withDefault('127.0.0.1'),
  PORT: port(3000),
  /** Embedded state of `npm start`: pglite/, temporal.db, mail/. */
  DATA_DIR: withDefault('./data'),
  /** Ports of the local Temporal dev server that scripts/start.ts runs without TEMPORAL_ADDRESS. */
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  /**
   * Workflows the worker keeps in memory between their tasks; unset: the SDK's default, from the
   * heap size (about 2,300 with a 4 GB heap). A cached contract term holds about 1.9 MB of heap
   * against 60 KB for a workflow that only sleeps (npx tsx --expose-gc bench/workflow-heap.ts): each
   * workflow evaluates its own copy of the modules it imports, zod and the domain's zod schemas above
   * all. One that is not cached replays its history (one contract year at most) when its next timer
   * fires. A smaller cache does not bound the worker's memory by itself: every workflow the worker
   * starts or replays makes those copies anew, and with 10,000 contract terms and a cache of 250 the
   * worker still grew by 2.8 GB (npm run bench:contracts).
   */
  WORKER_MAX_CACHED_WORKFLOWS: optional(
    z.coerce.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }),
  ),
  /**
   * The connections each process (API, worker) keeps to PostgreSQL at most; unset: 10, pg's default.
   * Read by db/client.ts createPrismaClient. More than the database server has cores only queues there.
   */
  DATABASE_POOL_SIZE: optional(
    z.coerce.number({ message: 'must be a number' }).int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' }),
  ),
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' ? unsetIfBlank(value.trim().toLowerCase()) : value),
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

export type Env = z.infer<typeof envSchema>;

const OIDC_VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** OIDC is configured with all three of its variables or none. */
const checkedEnvSchema = envSchema.superRefine((env, context) => {
  const set = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0 || set.length === OIDC_VARIABLES.length) return;
  for (const name of OIDC_VARIABLES.filter((n) => env[n] === undefined)) {
    context.addIssue({ code: 'custom', path: [name], message: `must be set too, since ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} (OIDC needs all three)` });
  }
});

/** Fastify's trustProxy from TRUST_PROXY: the first N hops, a list of addresses and ranges, or none. */
export function trustProxyOf(env: Pick<Env, 'TRUST_PROXY'>): ((address: string, hop: number) => boolean) | string[] | false {
  const value = env.TRUST_PROXY;
  if (value === undefined) return false;
  if (!/^\d+$/.test(value)) return value.split(',').map((part) => part.trim());
  const hops = Number(value);
  return (_address, hop) => hop < hops;
}

/** The address people reach regie at: PUBLIC_URL without a trailing slash, or http://127.0.0.1:PORT. */
export function publicUrlOf(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, '');
}

/** The configuration from `env`; throws one Error naming every invalid variable and why. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = checkedEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = value === undefined ? '' : ` (got ${JSON.stringify(redact(issue.path[0] as string, value))})`;
    return `  ${name}: ${issue.message}${shown}`;
  });
  throw new Error(`Invalid configuration in the environment:\n${problems.join('\n')}`);
}

/** Hides the password in a URL-valued variable, so an error message does not leak it. */
function redact(name: string, value: string): string {
  if (!name.endsWith('_URL')) return value;
  return redactUrl(value);
}

/** `postgresql://regie:***@db:5432/regie`: a URL with its password masked, for logs. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
