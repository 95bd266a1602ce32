-- Tenants and their logins. Usernames are unique across the issuer (case-insensitively), so that a
-- login form needs no tenant field.
CREATE TABLE tenants (
    id          text PRIMARY KEY,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    tenant         text NOT NULL REFERENCES tenants (id),
    username       text NOT NULL,
    password_hash  text NOT NULL,
    roles          text[] NOT NULL,
    agent_id       text,
    display_name   text,
    enabled        boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
-- One login per agent of a tenant.
CREATE UNIQUE INDEX users_agent ON users (tenant, agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX users_tenant ON users (tenant, lower(username));

-- RSA signing keys, kept so that tokens and the JWKS survive restarts.
CREATE TABLE signing_keys (
    id           text PRIMARY KEY,
    public_key   bytea NOT NULL,
    private_key  bytea NOT NULL,
    created_at   timestamptz NOT NULL
);

-- Spring Authorization Server's JDBC storage (its schema with text for blob and timestamptz).
CREATE TABLE oauth2_authorization (
    id                            varchar(100) NOT NULL,
    registered_client_id          varchar(100) NOT NULL,
    principal_name                varchar(200) NOT NULL,
    authorization_grant_type      varchar(100) NOT NULL,
    authorized_scopes             varchar(1000) DEFAULT NULL,
    attributes                    text DEFAULT NULL,
    state                         varchar(500) DEFAULT NULL,
    authorization_code_value      text DEFAULT NULL,
    authorization_code_issued_at  timestamptz DEFAULT NULL,
    authorization_code_expires_at timestamptz DEFAULT NULL,
    authorization_code_metadata   text DEFAULT NULL,
    access_token_value            text DEFAULT NULL,
    access_token_issued_at        timestamptz DEFAULT NULL,
    access_token_expires_at       timestamptz DEFAULT NULL,
    access_token_metadata         text DEFAULT NULL,
    access_token_type             varchar(100) DEFAULT NULL,
    access_token_scopes           varchar(1000) DEFAULT NULL,
    oidc_id_token_value           text DEFAULT NULL,
    oidc_id_token_issued_at       timestamptz DEFAULT NULL,
    oidc_id_token_expires_at      timestamptz DEFAULT NULL,
    oidc_id_token_metadata        text DEFAULT NULL,
    refresh_token_value           text DEFAULT NULL,
    refresh_token_issued_at       timestamptz DEFAULT NULL,
    refresh_token_expires_at      timestamptz DEFAULT NULL,
    refresh_token_metadata        text DEFAULT NULL,
    user_code_value               text DEFAULT NULL,
    user_code_issued_at           timestamptz DEFAULT NULL,
    user_code_expires_at          timestamptz DEFAULT NULL,
    user_code_metadata            text DEFAULT NULL,
    device_code_value             text DEFAULT NULL,
    device_code_issued_at         timestamptz DEFAULT NULL,
    device_code_expires_at        timestamptz DEFAULT NULL,
    device_code_metadata          text DEFAULT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id  varchar(100) NOT NULL,
    principal_name        varchar(200) NOT NULL,
    authorities           varchar(1000) NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);
