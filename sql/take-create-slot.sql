-- One createTask's place in the Kie.ai create budget (kie_create_slot, V17__create_queue.sql), for a request that
-- would create its task now: a slot unused for app.kie.create-window-ms
-- (counted from the answer of its last create: task-created.sql), and only
-- while nothing waits in the queue (those come first). Update count 1: create now; 0: queue it (queue-generation.sql).
UPDATE kie_create_slot s
   SET used_at = now(), generation_id = :#${variable.generation.generationId}
 WHERE (s.key_id, s.slot) = (SELECT key_id, slot FROM kie_create_slot
                              WHERE key_id = 'default'
                                AND slot <= CAST(:#${properties:app.kie.create-rate} AS integer)
                                AND used_at <= now() - CAST(:#${properties:app.kie.create-window-ms} AS bigint) * interval '1 millisecond'
                              ORDER BY used_at, slot
                              LIMIT 1
                              FOR UPDATE SKIP LOCKED)
   AND NOT EXISTS (SELECT 1 FROM generation WHERE state = 'queued')
