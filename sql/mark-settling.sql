-- The /settle request is about to go out: from here the money may move, and the row says so.
UPDATE generation
   SET payment_status = 'settling', updated_at = now()
 WHERE id = :#${variable.generation.generationId} AND payment_status = 'verified'
