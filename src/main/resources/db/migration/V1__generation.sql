-- One row per sold generation: the request, its price, the Kie.ai task and where it stands.
CREATE TABLE generation (
    id                  text PRIMARY KEY,                 -- gen_<millis>_<random>, handed to the caller
    model               text NOT NULL,                    -- public model name (sora-2)
    kie_model           text NOT NULL,                    -- the Kie.ai model that does the work
    type                text NOT NULL DEFAULT 'video',
    prompt              text NOT NULL,
    options             jsonb NOT NULL,                   -- aspect_ratio, n_frames, remove_watermark
    price_usd           numeric(12, 6) NOT NULL,
    state               text NOT NULL
                        CHECK (state IN ('creating', 'pending', 'processing', 'completed', 'failed')),
    kie_task_id         text UNIQUE,
    state_source        text NOT NULL DEFAULT 'create',   -- who moved it to this state: create, callback, poll, timeout
    kie_state           text,                             -- Kie.ai's own word: waiting, queuing, generating, success, fail
    result_urls         jsonb,
    fail_code           text,
    fail_msg            text,
    credits_consumed    integer,
    credits_remaining   numeric,                          -- Kie.ai balance read when the generation ended
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    task_created_at     timestamptz,
    completed_at        timestamptz,
    callback_at         timestamptz,                      -- first callback that named this task
    callback_count      integer NOT NULL DEFAULT 0,
    -- status poller bookkeeping
    next_poll_at        timestamptz,
    poll_count          integer NOT NULL DEFAULT 0,
    poll_errors         integer NOT NULL DEFAULT 0,       -- consecutive failed status reads
    last_poll_at        timestamptz,
    last_poll_error     text
);

-- the poller's claim scans only live tasks, ordered by due time
CREATE INDEX generation_due_idx ON generation (next_poll_at) WHERE state IN ('pending', 'processing');

-- State history: every change of state, with who saw it (create, callback, poll, timeout).
CREATE TABLE generation_event (
    id              bigserial PRIMARY KEY,
    generation_id   text NOT NULL REFERENCES generation (id) ON DELETE CASCADE,
    state           text NOT NULL,
    source          text NOT NULL,
    detail          text,
    at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX generation_event_generation_idx ON generation_event (generation_id, at);

-- History and wake-up in one place, whoever writes the row: a trigger records each state change and,
-- when a generation ends, NOTIFYs every bundle instance so their long-poll callers answer at once
-- (delivered after commit, so a woken reader sees the final row).
CREATE FUNCTION generation_state_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.state IS DISTINCT FROM OLD.state THEN
        INSERT INTO generation_event (generation_id, state, source, detail)
        VALUES (NEW.id, NEW.state, NEW.state_source,
                CASE WHEN NEW.state = 'failed' THEN NEW.fail_msg END);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.state IS DISTINCT FROM OLD.state AND NEW.state IN ('completed', 'failed') THEN
        PERFORM pg_notify('generation_final', NEW.id);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER generation_state_history
    AFTER INSERT OR UPDATE OF state ON generation
    FOR EACH ROW EXECUTE FUNCTION generation_state_changed();
