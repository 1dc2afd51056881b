-- The cleanup's claim: stored copies past app.storage.retention-days, and any copy of a refunded or unpaid generation
-- (never released: its file goes at once). Marked 'removed' in this statement, with the reason; the route then
-- deletes each file from the store (a file whose delete fails is logged, and left for the operator).
UPDATE stored_copy c
   SET status = 'removed', removed_at = now(),
       removed_why = CASE WHEN g.refund_tx IS NOT NULL THEN 'refunded'
                          WHEN g.payment_status IN ('failed', 'unpaid') THEN 'unpaid' ELSE 'retention' END
  FROM generation g
 WHERE g.id = c.generation_id
   AND (c.generation_id, c.file_index) IN (
        SELECT s.generation_id, s.file_index FROM stored_copy s JOIN generation g2 ON g2.id = s.generation_id
         WHERE s.status IN ('stored', 'pending', 'failed')
           AND ((s.status = 'stored' AND s.stored_at < now() - CAST(:#${properties:app.storage.retention-days} AS integer) * interval '1 day')
                OR g2.refund_tx IS NOT NULL OR g2.payment_status IN ('failed', 'unpaid'))
         LIMIT 100
         FOR UPDATE OF s SKIP LOCKED)
RETURNING c.generation_id, c.file_index, c.storage_key, c.removed_why
