-- Tollgate demo API, schema version 2: the items that GET /api/items pages through.
--
-- Portable SQL, as V1: the same file runs on H2 2.3 and PostgreSQL 15 (checked on both; the H2 run is the unit test
-- dev.tollgate.war.demo.DemoItemsMigrationTest).
-- The 250 seed rows come from a recursive CTE inside INSERT ... SELECT, which both engines accept in this form.
-- Neither H2's SYSTEM_RANGE nor PostgreSQL's generate_series is portable, and H2 rejects the form
-- WITH ... INSERT that PostgreSQL also accepts.

CREATE TABLE demo_item (
    id   BIGINT       PRIMARY KEY,
    name VARCHAR(200) NOT NULL
);

INSERT INTO demo_item (id, name)
WITH RECURSIVE n (i) AS (
    SELECT 1
    UNION ALL
    SELECT i + 1 FROM n WHERE i < 250
)
SELECT i, 'Item ' || i FROM n;
