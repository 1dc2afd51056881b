-- An operator sends a dead (or waiting) delivery again, now, with a fresh count of attempts.
UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
 WHERE id = :#${variable.deliveryId} AND status IN ('dead', 'pending')
RETURNING id
