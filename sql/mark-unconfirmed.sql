-- createTask was sent but no answer came back (timeout, lost connection): Kie.ai may have started the task. Keep the
-- row, bound to its payment, until Kie.ai's callback names it (adopt-task.sql) or the adopt window closes.
UPDATE generation
   SET state = 'unconfirmed', state_source = 'create', updated_at = now()
 WHERE id = :#${variable.generation.generationId} AND state = 'creating'
