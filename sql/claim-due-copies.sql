-- The copier's claim (routes/80-storage.yaml): as many due copies as there are free copy workers, each pushed out by a
-- lease (app.storage.timeout-ms + 30 s) so no other instance copies it meanwhile; SKIP LOCKED keeps instances apart.
-- The attempt is counted now. A refunded generation's files, or an unpaid one's, are never copied.
UPDATE stored_copy c
   SET attempts = c.attempts + 1,
       next_attempt_at = now() + (CAST(:#${properties:app.storage.timeout-ms} AS bigint) + 30000) * interval '1 millisecond'
 WHERE (c.generation_id, c.file_index) IN (
        SELECT s.generation_id, s.file_index FROM stored_copy s JOIN generation g ON g.id = s.generation_id
         WHERE s.status = 'pending' AND s.next_attempt_at <= now()
           AND g.refund_tx IS NULL AND coalesce(g.payment_status, 'none') NOT IN ('failed', 'unpaid')
         ORDER BY s.next_attempt_at
         LIMIT CAST(:#${bean:copyWorkers?method=free} AS integer)
         FOR UPDATE OF s SKIP LOCKED)
RETURNING c.generation_id, c.file_index, c.origin_url, c.attempts
