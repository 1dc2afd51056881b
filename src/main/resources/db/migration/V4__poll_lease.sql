-- The poller's claim is a lease: the instance that claimed a generation checks it alone until it releases it
-- (or until the lease runs out, if that instance died). Before this, a claim only pushed next_poll_at out by
-- the backoff, and a check slower than that was claimed again by another instance.
ALTER TABLE generation
    ADD COLUMN claimed_by    text,
    ADD COLUMN claimed_until timestamptz;

-- The periodic close of rows left 'creating' by a crash looks only at those rows.
CREATE INDEX generation_creating_idx ON generation (created_at) WHERE state = 'creating';
