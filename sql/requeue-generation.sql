-- The queue job's createTask was answered 429 (Kie.ai's own count, e.g. another user of the key): back in the queue,
-- at its old place, nothing charged. Its deadline stays.
UPDATE generation
   SET state = 'queued', state_source = 'queue', updated_at = now()
 WHERE id = :#${variable.generation.generationId} AND state = 'creating'
