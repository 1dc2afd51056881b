-- Limits queue, they do not refuse. A paid request that Kie.ai cannot take right now (over the create rate, or a 429)
-- is kept 'queued': its payment verified and held, never settled, until the create-queue job (routes/25-create-queue.yaml)
-- creates its task as capacity frees, then settles. A queued row still without a task at queue_deadline (its payment's
-- validBefore less the settle margin) fails, uncharged: the authorization expires unused.
ALTER TABLE generation DROP CONSTRAINT generation_state_check;
ALTER TABLE generation ADD CONSTRAINT generation_state_check
    CHECK (state IN ('queued', 'creating', 'unconfirmed', 'pending', 'processing', 'completed', 'failed'));

ALTER TABLE generation ADD COLUMN queued_at timestamptz;       -- its place in the queue (first come, first created)
ALTER TABLE generation ADD COLUMN queue_deadline timestamptz;  -- no task by then: failed, nothing charged
ALTER TABLE generation ADD COLUMN kie_input jsonb;             -- the model's fields of the create request, kept for later
ALTER TABLE generation ADD COLUMN creating_since timestamptz;   -- when its createTask went out, if later than created_at

CREATE INDEX generation_queued_idx ON generation (queued_at) WHERE state = 'queued';

-- The create budget shared by every instance on this database: per Kie.ai key, `app.kie.create-rate` slots; a slot
-- is taken for one createTask and free again once app.kie.create-window-ms has passed since it was taken, so no
-- window of that length ever holds more creates than there are slots (a sliding window, not a refilled bucket, which
-- would allow twice the rate across a window's edge). Taken with FOR UPDATE SKIP LOCKED: two instances never take
-- the same slot. 1000 are made here; the job's first step adds more when the setting is larger; slots above the
-- setting are not used.
CREATE TABLE kie_create_slot (
    key_id        text        NOT NULL,
    slot          integer     NOT NULL CHECK (slot > 0),
    used_at       timestamptz NOT NULL DEFAULT '-infinity',
    generation_id text,
    PRIMARY KEY (key_id, slot)
);
CREATE INDEX kie_create_slot_generation_idx ON kie_create_slot (generation_id);
INSERT INTO kie_create_slot (key_id, slot) SELECT 'default', n FROM generate_series(1, 1000) AS n;

INSERT INTO state_transition (machine, from_state, to_state, made_by) VALUES
    ('generation', 'creating', 'queued',   'queue-generation, requeue-generation'),
    ('generation', 'queued',   'creating', 'claim-queued-generations'),
    ('generation', 'queued',   'failed',   'fail-queued, expire-queued');
UPDATE state_transition SET made_by = made_by || ', fail-queued'
 WHERE (machine, from_state, to_state) = ('generation', 'creating', 'failed');
UPDATE state_transition SET made_by = made_by || ', fail-queued, expire-queued'
 WHERE (machine, from_state, to_state) = ('payment', 'verified', 'failed');
