-- The chain says the authorization was used: the money moved, whoever sent it. Settled.
UPDATE generation
   SET payment_status = 'settled', settled_at = coalesce(settled_at, now()),
       payment_error = NULL, next_reconcile_at = NULL, updated_at = now()
 WHERE id = :#${variable.unconfirmed[id]} AND payment_status IN ('verified', 'settling', 'settle_unknown')
