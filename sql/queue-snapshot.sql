-- The queue as it stands, for the 503 before payment, GET /api/models and the metrics: queued generations per model
-- (one row per model with any), across every instance. Also adds create slots when app.kie.create-rate grew.
WITH more_slots AS (
    INSERT INTO kie_create_slot (key_id, slot)
    SELECT 'default', n FROM generate_series(1, CAST(:#${properties:app.kie.create-rate} AS integer)) AS n
     WHERE NOT EXISTS (SELECT 1 FROM kie_create_slot WHERE key_id = 'default'
                          AND slot = CAST(:#${properties:app.kie.create-rate} AS integer))  -- only when the rate grew
    ON CONFLICT DO NOTHING)
SELECT model, count(*) AS depth FROM generation WHERE state = 'queued' GROUP BY model
