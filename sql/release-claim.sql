-- This instance's check of the generation is over: give the lease back (only if it is still ours).
UPDATE generation
   SET claimed_by = NULL, claimed_until = NULL
 WHERE id = :#${variable.generationId} AND claimed_by = :#${properties:app.instance-id}
