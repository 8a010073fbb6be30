-- The connect flow (issue 15): short-lived, revocable links an employer's portal asks for, so an admin
-- can set up and manage the company's integration on the product's page without the company API key.
-- Only a hash of each link's token is stored. embed_origins: where the page may be framed (CSP frame-ancestors).
ALTER TABLE "companies" ADD COLUMN "embed_origins" TEXT[] DEFAULT ARRAY[]::TEXT[];

CREATE TABLE "connect_links" (
    "id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "connect_links_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "connect_links_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "connect_links_token_hash_key" ON "connect_links"("token_hash");
CREATE INDEX "connect_links_company_id_idx" ON "connect_links"("company_id");
