-- An operator refunded this payer: record the transaction; the entry is no longer owed.
UPDATE generation
   SET refund_tx = :#${variable.refundTx}, refunded_at = now(), updated_at = now()
 WHERE id = :#${variable.generationId} AND payment_status = 'settled' AND state = 'failed' AND refund_tx IS NULL
RETURNING id
