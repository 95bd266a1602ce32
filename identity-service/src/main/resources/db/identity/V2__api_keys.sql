-- API keys: client-credentials clients of the issuer that act for one tenant with the roles they hold.
-- The secret is kept only as its hash; a revoked key is deleted, so the token endpoint no longer finds it.
CREATE TABLE api_keys (
    client_id            text PRIMARY KEY,
    tenant               text NOT NULL REFERENCES tenants (id),
    name                 text NOT NULL,
    secret_hash          text NOT NULL,
    -- Never agent (no agent id), customer or service (the issuer's own services).
    roles                text[] NOT NULL
        CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['supervisor', 'admin']::text[]),
    created_at           timestamptz NOT NULL,
    created_by           text NOT NULL,
    created_by_username  text,
    expires_at           timestamptz,
    last_used_at         timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant, created_at);
