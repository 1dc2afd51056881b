-- The webhook sender's claim: as many due deliveries as there are free senders (webhookSenders.free()), each pushed
-- out by a lease (app.webhooks.timeout-ms + 30 s) so no other instance sends it meanwhile; SKIP LOCKED keeps
-- instances apart. The attempt is counted now, answered or not. A completed generation's webhook waits while a copy
-- of its files is still being made (stored_copy pending), so that it carries our own URLs, not Kie.ai's; a copy that
-- failed for good does not hold it (the answer then says so and gives Kie.ai's link), nor one that will never be made
-- (the payment failed, or was refunded: claim-due-copies.sql skips those).
UPDATE webhook_delivery d
   SET attempts = d.attempts + 1,
       next_attempt_at = now() + (CAST(:#${properties:app.webhooks.timeout-ms} AS bigint) + 30000) * interval '1 millisecond'
 WHERE d.id IN (SELECT id FROM webhook_delivery
                 WHERE status = 'pending' AND next_attempt_at <= now()
                   AND NOT EXISTS (SELECT 1 FROM stored_copy c JOIN generation g ON g.id = c.generation_id
                                    WHERE c.generation_id = webhook_delivery.generation_id AND c.status = 'pending'
                                      AND g.refund_tx IS NULL AND coalesce(g.payment_status, 'none') NOT IN ('failed', 'unpaid'))
                 ORDER BY next_attempt_at
                 LIMIT CAST(:#${bean:webhookSenders?method=free} AS integer)
                 FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.webhook_id, d.generation_id, d.url, d.attempts
