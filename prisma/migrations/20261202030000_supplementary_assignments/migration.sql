-- Supplementary assignments (aanvullende opdrachten) of a contract, its bundles of small budgets and its
-- yearly supplementary budget (flexible amount, spending cap). The contract term's workflow owns them and
-- writes each row whole after every change; `data` holds its full snapshot, the columns what overviews count by.

CREATE TABLE "supplementary_assignment" (
    "id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "budget_cents" BIGINT NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "source_kind" TEXT NOT NULL,
    "source_name" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "side_steering" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "route" TEXT,
    "ground_basis" TEXT,
    "regime" TEXT NOT NULL,
    "bundle_id" TEXT,
    "spending_cap_cents" BIGINT,
    "promoted_at" DATE,
    "promotion_occasion" TEXT,
    "received_on" DATE NOT NULL,
    "data" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "supplementary_assignment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "supplementary_assignment_contract_id_status_idx" ON "supplementary_assignment"("contract_id", "status");
CREATE INDEX "supplementary_assignment_theme_idx" ON "supplementary_assignment"("theme");
ALTER TABLE "supplementary_assignment" ADD CONSTRAINT "supplementary_assignment_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "supplementary_bundle" (
    "id" TEXT NOT NULL,
    "contract_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "theme" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "budget_cents" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "combines_spending_caps" BOOLEAN NOT NULL,
    "assignment_ids" TEXT[],
    "data" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "supplementary_bundle_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "supplementary_bundle_contract_id_year_idx" ON "supplementary_bundle"("contract_id", "year");
ALTER TABLE "supplementary_bundle" ADD CONSTRAINT "supplementary_bundle_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "supplementary_year" (
    "contract_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "flexible_amount_cents" BIGINT,
    "drawn_cents" BIGINT NOT NULL,
    "spending_cap_cents" BIGINT,
    "spent_cents" BIGINT NOT NULL,
    "cap_alert_on" DATE,
    "data" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "supplementary_year_pkey" PRIMARY KEY ("contract_id", "year")
);
ALTER TABLE "supplementary_year" ADD CONSTRAINT "supplementary_year_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
