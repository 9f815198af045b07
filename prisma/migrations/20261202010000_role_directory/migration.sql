-- The role directory (organisations, people, role assignments over time), sign-in (sessions, single-use
-- sign-in links), API tokens per organisation and calendar feeds. Tokens are stored as SHA-256 hashes only.

CREATE TABLE "organisation" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "acts_for" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "organisation_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "person" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'nl',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "person_email_key" ON "person"("email");

CREATE TABLE "role_assignment" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "valid_until" DATE,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "role_assignment_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "role_assignment_organisation_id_role_valid_from_idx" ON "role_assignment"("organisation_id", "role", "valid_from");
CREATE INDEX "role_assignment_person_id_idx" ON "role_assignment"("person_id");
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "role_assignment" ADD CONSTRAINT "role_assignment_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "session_person_id_idx" ON "session"("person_id");
CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");
ALTER TABLE "session" ADD CONSTRAINT "session_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "sign_in_link" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "return_to" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sign_in_link_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "sign_in_link_token_hash_key" ON "sign_in_link"("token_hash");
CREATE INDEX "sign_in_link_email_created_at_idx" ON "sign_in_link"("email", "created_at");

CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "roles" TEXT[],
    "token_hash" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_organisation_id_idx" ON "api_token"("organisation_id");
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "calendar_feed" (
    "id" TEXT NOT NULL,
    "person_id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "calendar_feed_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "calendar_feed_token_hash_key" ON "calendar_feed"("token_hash");
CREATE INDEX "calendar_feed_person_id_idx" ON "calendar_feed"("person_id");
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Who may read a contract besides its provider: its commissioners and the municipalities a purchasing
-- body acted for. Existing contracts take them from their tender's launch (or their lead commissioner).
ALTER TABLE "contract" ADD COLUMN "commissioners" TEXT[] DEFAULT ARRAY[]::TEXT[];
UPDATE "contract" c SET "commissioners" = ARRAY(
    SELECT DISTINCT o FROM (
        SELECT c."commissioner" AS o
        UNION ALL
        SELECT x->>'organisation' FROM "tender" t, jsonb_array_elements(t."launch"->'commissioners') x WHERE t."id" = c."tender_id"
        UNION ALL
        SELECT a FROM "tender" t, jsonb_array_elements(t."launch"->'commissioners') x, jsonb_array_elements_text(COALESCE(x->'actsFor', '[]'::jsonb)) a WHERE t."id" = c."tender_id"
    ) parties WHERE o IS NOT NULL
);
CREATE INDEX "contract_commissioners_idx" ON "contract" USING GIN ("commissioners");

-- The audit trail names the signed-in person (email) or API token (label) who acted.
ALTER TABLE "event" ADD COLUMN "actor_principal" TEXT;
