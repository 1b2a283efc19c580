-- Tollgate authorization server, schema version 7: registration limits. Portable to H2 2.3 and PostgreSQL 15, with
-- the conventions of V1.

-- One row per registrar (RegistrationLimiter): its rate, as the GCRA "theoretical arrival time" (the rate limit holds
-- while it is at most one window ahead of now), and the row every registration of that registrar locks (SELECT ... FOR
-- UPDATE), so that the rate and the owner's quota of live clients are checked and spent atomically across nodes.
-- A row whose throttled_until has passed holds nothing: the purge deletes it.
CREATE TABLE registration_limits (
    registrar       VARCHAR(330)             NOT NULL, -- user:<subject> | client:<client_id> | address:<ip>
    throttled_until TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_registration_limits PRIMARY KEY (registrar)
);
CREATE INDEX ix_registration_limits_until ON registration_limits (throttled_until);

-- The purge of soft-deleted clients (deleted_at < ?) reads V4's ix_clients_live, which starts with deleted_at.
