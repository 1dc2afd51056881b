-- The create-queue job's claim: the oldest queued generations still within their deadline, each paired with one
-- free create slot (kie_create_slot: at most app.kie.create-rate creates per app.kie.create-window-ms, on every
-- instance together), in one statement: the slots are taken and the rows become 'creating' (creating_since now, so
-- close-interrupted.sql times their createTask from now). SKIP LOCKED keeps instances apart: a row or a slot is taken
-- once. Returns what the job needs to create the task and settle (routes/25-create-queue.yaml).
WITH free AS (
    SELECT key_id, slot, row_number() OVER (ORDER BY used_at, slot) AS n
      FROM (SELECT key_id, slot, used_at FROM kie_create_slot
             WHERE key_id = 'default'
               AND slot <= CAST(:#${properties:app.kie.create-rate} AS integer)
               AND used_at <= now() - CAST(:#${properties:app.kie.create-window-ms} AS bigint) * interval '1 millisecond'
             ORDER BY used_at, slot
             LIMIT CAST(:#${properties:app.queue.batch-size} AS integer)
             FOR UPDATE SKIP LOCKED) f),
due AS (
    SELECT id, row_number() OVER (ORDER BY queued_at, id) AS n
      FROM (SELECT id, queued_at FROM generation
             WHERE state = 'queued' AND queue_deadline > now()
             ORDER BY queued_at, id
             LIMIT CAST(:#${properties:app.queue.batch-size} AS integer)
             FOR UPDATE SKIP LOCKED) q),
pairs AS (SELECT due.id, free.key_id, free.slot FROM due JOIN free USING (n)),
took AS (UPDATE kie_create_slot s SET used_at = now(), generation_id = p.id
           FROM pairs p WHERE s.key_id = p.key_id AND s.slot = p.slot RETURNING s.slot)
UPDATE generation g
   SET state = 'creating', state_source = 'queue', creating_since = now(), updated_at = now()
  FROM pairs p
 WHERE g.id = p.id
RETURNING g.id, g.model, g.kie_model, g.kie_family, g.type, g.prompt, g.options::text AS options,
          g.kie_input::text AS kie_input, g.price_usd, g.price_breakdown::text AS price_breakdown, g.webhook_url,
          g.settle_request::text AS settle_request, g.payment_status,
          (SELECT count(*) FROM took) AS slots_taken
