-- A status check that did not get an answer (429, 5xx, timeout): count it, keep the reason.
UPDATE generation
   SET poll_errors = poll_errors + 1, last_poll_error = left(:#${variable.pollError}, 500), updated_at = now()
 WHERE id = :#${variable.generationId} AND state IN ('pending', 'processing')
RETURNING poll_errors
