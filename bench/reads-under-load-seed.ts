/**
 * The data set of bench/reads-under-load.ts, generated inside PostgreSQL (INSERT … SELECT over
 * generate_series): every Dutch municipality (342), 28 regions each buying for 12 of them (as the
 * Groningen region does for youth care; the last 6 municipalities buy alone), 2,000 providers.
 *
 * - Tenders: 10 per region (its lead organisation a purchasing body acting for its 12 municipalities),
 *   5 per municipality: 1,990, each launch naming its commissioners as the tender launch does.
 * - Contracts: 60% under a regional tender (made for the region and its 12 municipalities, who each see
 *   it), 40% under a municipality's own; the provider drawn skewed (u^1.3), so the largest provider has
 *   about 290 of 100,000 contracts and the median a few dozen ("hundreds at most").
 * - Tasks: one in 33 on a tender (procurement steps), the rest spread evenly over the contracts (about
 *   100 each over an eight-year term), carrying the contract's tender as the contract term workflow
 *   records them. By one draw: 2% open and overdue (1 to 365 days, most only a little), 4% open and due
 *   within 180 days, 90% done, 4% cancelled. Reports and half the follow-up actions are the provider's.
 *
 * Bump BENCH_SEED_VERSION when the data set changes: a kept database with another version is reseeded.
 */
export const BENCH_SEED_VERSION = 1;

export const MUNICIPALITIES = 342;
export const REGIONS = 28;
export const MUNICIPALITIES_PER_REGION = 12;
/** Municipalities outside every region (buying alone): 342 - 28 * 12. */
export const DIRECT_MUNICIPALITIES = MUNICIPALITIES - REGIONS * MUNICIPALITIES_PER_REGION;
export const PROVIDERS = 2_000;
const TENDERS_PER_REGION = 10;
const TENDERS_PER_MUNICIPALITY = 5;
const REGIONAL_TENDERS = REGIONS * TENDERS_PER_REGION;
export const TENDERS = REGIONAL_TENDERS + MUNICIPALITIES * TENDERS_PER_MUNICIPALITY;

export const municipalityName = (n: number) => `Gemeente ${String(n).padStart(3, '0')}`;
export const regionName = (n: number) => `Regio ${String(n).padStart(2, '0')}`;
export const providerName = (n: number) => `Aanbieder ${String(n).padStart(4, '0')}`;

const CONTRACT_KINDS: [string, number][] = [
  ['accountabilityReport', 35],
  ['accountabilityConversation', 20],
  ['followUpAction', 25],
  ['indexationReview', 8],
  ['budgetCycle', 6],
  ['midtermReview', 3],
  ['renewalEvaluation', 2],
  ['extensionDecision', 1],
];

/** 100 slots, each kind as often as its weight. */
const kindSlots = () => CONTRACT_KINDS.flatMap(([kind, weight]) => Array.from({ length: weight }, () => `'${kind}'`)).join(', ');

/** The SQL that fills an empty, migrated database (one statement list; temporary tables only for the session). */
export function seedSql(contracts: number, tasks: number): string {
  return `
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.42);

CREATE TEMP TABLE bench_tender AS
SELECT n,
       CASE WHEN n <= ${REGIONAL_TENDERS} THEN 'Regio ' || lpad((((n - 1) % ${REGIONS}) + 1)::text, 2, '0')
            ELSE 'Gemeente ' || lpad((((n - ${REGIONAL_TENDERS} - 1) % ${MUNICIPALITIES}) + 1)::text, 3, '0') END AS lead,
       CASE WHEN n <= ${REGIONAL_TENDERS}
            THEN ARRAY(SELECT 'Gemeente ' || lpad((((n - 1) % ${REGIONS}) * ${MUNICIPALITIES_PER_REGION} + k)::text, 3, '0')
                       FROM generate_series(1, ${MUNICIPALITIES_PER_REGION}) k)
            ELSE ARRAY[]::text[] END AS acts_for
FROM generate_series(1, ${TENDERS}) n;
ALTER TABLE bench_tender ADD PRIMARY KEY (n);

INSERT INTO "tender" ("id", "workflow_id", "title", "procurement_form", "lead_organisation", "estimated_value_cents",
                      "contract_start", "term_years", "phase", "status", "launch", "launched_at", "updated_at")
SELECT 'tender-' || n, 'tender-wf-' || n, 'Aanbesteding sociaal domein ' || n, 'europeanOpen', lead, 1000000000,
       DATE '2022-01-01', 8, 'completed', 'completed',
       jsonb_build_object(
         'title', 'Aanbesteding sociaal domein ' || n,
         'procurementForm', 'europeanOpen',
         'commissioners', jsonb_build_array(jsonb_build_object(
           'organisation', lead,
           'kind', CASE WHEN cardinality(acts_for) > 0 THEN 'purchasingBody' ELSE 'municipality' END,
           'actsFor', to_jsonb(acts_for))),
         'lots', (SELECT jsonb_agg(jsonb_build_object('id', 'perceel-' || k, 'title', 'Perceel ' || k || ' jeugdhulp en Wmo-ondersteuning',
                                                      'estimatedValueCents', 100000000))
                  FROM generate_series(1, 8) k)),
       now(), now()
FROM bench_tender;

CREATE TEMP TABLE bench_contract AS
SELECT g AS n,
       (CASE WHEN random() < 0.6 THEN 1 + floor(random() * ${REGIONAL_TENDERS})
             ELSE ${REGIONAL_TENDERS} + 1 + floor(random() * ${MUNICIPALITIES * TENDERS_PER_MUNICIPALITY}) END)::int AS tender_n,
       (1 + floor(${PROVIDERS} * power(random(), 1.3)))::int AS provider_n
FROM generate_series(1, ${contracts}) g;
ALTER TABLE bench_contract ADD PRIMARY KEY (n);

INSERT INTO "contract" ("id", "workflow_id", "tender_id", "lot_id", "lot_title", "commissioner", "provider", "value_cents",
                        "start_date", "end_date", "status", "terms", "commissioners", "updated_at")
SELECT 'contract-' || c.n, 'contract-term-' || c.n, 'tender-' || c.tender_n, 'perceel-' || (1 + c.n % 8), 'Perceel ' || (1 + c.n % 8),
       t.lead, 'Aanbieder ' || lpad(c.provider_n::text, 4, '0'), 50000000, DATE '2022-01-01', DATE '2029-12-31', 'active', '{}',
       ARRAY[t.lead] || t.acts_for, now()
FROM bench_contract c JOIN bench_tender t ON t.n = c.tender_n;

INSERT INTO "task" ("id", "workflow_id", "tender_id", "contract_id", "kind", "title", "role", "organisation",
                    "commissioner", "provider", "due_date", "status", "opened_at", "escalated_at", "completed_at", "updated_at")
SELECT 'task-' || s.g,
       CASE WHEN s.on_tender THEN 'tender-wf-' || s.tender_n ELSE 'contract-term-' || s.c END,
       'tender-' || s.tender_n,
       CASE WHEN s.on_tender THEN NULL ELSE 'contract-' || s.c END,
       s.kind, s.kind || ' ' || s.g,
       CASE WHEN s.provider_owned THEN 'contractContact'
            WHEN s.on_tender THEN 'procurementOfficer'
            WHEN s.kind IN ('budgetCycle', 'renewalEvaluation', 'extensionDecision') THEN 'manager'
            ELSE 'contractManager' END,
       CASE WHEN s.provider_owned THEN s.provider ELSE s.lead END,
       s.lead, CASE WHEN s.on_tender THEN NULL ELSE s.provider END,
       s.due, s.status, (s.due - 60)::timestamptz,
       CASE WHEN s.status = 'open' AND s.due < CURRENT_DATE - 7 AND s.r3 < 0.6 THEN (s.due + 7)::timestamptz END,
       CASE WHEN s.status = 'done' THEN s.due::timestamptz END, now()
FROM (
  SELECT x.*, t.n AS tender_n, t.lead, 'Aanbieder ' || lpad(bc.provider_n::text, 4, '0') AS provider,
         NOT x.on_tender AND (x.kind = 'accountabilityReport' OR (x.kind = 'followUpAction' AND x.r3 < 0.5)) AS provider_owned,
         CASE WHEN x.r < 0.06 THEN 'open' WHEN x.r < 0.96 THEN 'done' ELSE 'cancelled' END AS status,
         CASE WHEN x.r < 0.02 THEN CURRENT_DATE - (1 + floor(365 * x.r2 * x.r2))::int
              WHEN x.r < 0.06 THEN CURRENT_DATE + floor(180 * x.r2)::int
              ELSE CURRENT_DATE - (1 + floor(2900 * x.r2))::int END AS due
  FROM (
    SELECT g, random() AS r, random() AS r2, random() AS r3, ((g - 1) % ${contracts}) + 1 AS c, g % 33 = 0 AS on_tender,
           CASE WHEN g % 33 = 0 THEN (ARRAY['evaluation', 'awardDecision', 'publication', 'executiveDecision'])[1 + floor(random() * 4)::int]
                ELSE (ARRAY[${kindSlots()}])[1 + floor(random() * 100)::int] END AS kind
    FROM generate_series(1, ${tasks}) g
    OFFSET 0
  ) x
  JOIN bench_contract bc ON bc.n = x.c
  JOIN bench_tender t ON t.n = CASE WHEN x.on_tender THEN 1 + (x.g / 33) % ${TENDERS} ELSE bc.tender_n END
  OFFSET 0
) s;
`;
}
