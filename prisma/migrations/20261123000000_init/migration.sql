-- CreateTable
CREATE TABLE "tender" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "procurement_form" TEXT NOT NULL,
    "lead_organisation" TEXT NOT NULL,
    "estimated_value_cents" BIGINT NOT NULL,
    "contract_start" DATE NOT NULL,
    "term_years" INTEGER NOT NULL,
    "phase" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "launch" JSONB NOT NULL,
    "launched_at" TIMESTAMPTZ(3) NOT NULL,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tender_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "award" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "lot_id" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_email" TEXT NOT NULL,
    "value_cents" BIGINT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "standstill_ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "award_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "objection" (
    "id" TEXT NOT NULL,
    "tender_id" TEXT NOT NULL,
    "award_round" INTEGER NOT NULL,
    "lot_id" TEXT,
    "organisation" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "registered_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,

    CONSTRAINT "objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "tender_id" TEXT,
    "lot_id" TEXT NOT NULL,
    "lot_title" TEXT NOT NULL,
    "commissioner" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "value_cents" BIGINT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "terms" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "tender_id" TEXT,
    "contract_id" TEXT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "due_date" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "escalated_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "completed_by_role" TEXT,
    "completed_by_organisation" TEXT,
    "completed_by_name" TEXT,
    "outcome" TEXT,
    "note" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event" (
    "id" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "tender_id" TEXT,
    "contract_id" TEXT,
    "type" TEXT NOT NULL,
    "actor_role" TEXT,
    "actor_organisation" TEXT,
    "actor_name" TEXT,
    "data" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "task_id" TEXT,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tender_workflow_id_key" ON "tender"("workflow_id");

-- CreateIndex
CREATE INDEX "tender_status_launched_at_idx" ON "tender"("status", "launched_at");

-- CreateIndex
CREATE UNIQUE INDEX "award_tender_id_round_lot_id_key" ON "award"("tender_id", "round", "lot_id");

-- CreateIndex
CREATE INDEX "objection_tender_id_idx" ON "objection"("tender_id");

-- CreateIndex
CREATE UNIQUE INDEX "contract_workflow_id_key" ON "contract"("workflow_id");

-- CreateIndex
CREATE INDEX "contract_provider_idx" ON "contract"("provider");

-- CreateIndex
CREATE INDEX "contract_commissioner_idx" ON "contract"("commissioner");

-- CreateIndex
CREATE INDEX "task_organisation_role_status_due_date_idx" ON "task"("organisation", "role", "status", "due_date");

-- CreateIndex
CREATE INDEX "task_status_due_date_idx" ON "task"("status", "due_date");

-- CreateIndex
CREATE INDEX "task_workflow_id_idx" ON "task"("workflow_id");

-- CreateIndex
CREATE INDEX "event_workflow_id_occurred_at_idx" ON "event"("workflow_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_idempotency_key_key" ON "notification"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_task_id_idx" ON "notification"("task_id");

-- CreateIndex
CREATE INDEX "notification_workflow_id_idx" ON "notification"("workflow_id");

-- AddForeignKey
ALTER TABLE "award" ADD CONSTRAINT "award_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "objection" ADD CONSTRAINT "objection_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_tender_id_fkey" FOREIGN KEY ("tender_id") REFERENCES "tender"("id") ON DELETE SET NULL ON UPDATE CASCADE;
