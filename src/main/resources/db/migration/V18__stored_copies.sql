-- Own copies of the result files (issue 20): a paid video stays the buyer's after Kie.ai deletes its files (14 days).
-- One row per result file (its index in result_urls), written by a trigger in the same transaction that records the
-- completed state: a durable outbox like webhook_delivery, worked by routes/80-storage.yaml with retries and
-- backoff. The file itself lives in the store (app.storage.type: a local directory, or S3-compatible), under
-- storage_key; several instances on one database share the rows and the store.
-- (V18, not V17: V17 is left free for another branch's migration.)
CREATE TABLE stored_copy (
    generation_id    text NOT NULL REFERENCES generation (id) ON DELETE CASCADE,
    file_index       integer NOT NULL,                     -- position in result_urls (and in the answer's resultUrls)
    origin_url       text NOT NULL,                        -- Kie.ai's link, as recordInfo gave it
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'failed', 'removed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    storage_key      text,                                 -- where the store keeps it: videos/<generationId>/<index>
    bytes            bigint,
    sha256           text,                                 -- hex, of the bytes stored
    content_type     text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    stored_at        timestamptz,
    removed_at       timestamptz,
    removed_why      text,                                 -- retention | refunded | unpaid
    PRIMARY KEY (generation_id, file_index)
);
CREATE INDEX stored_copy_due_idx ON stored_copy (next_attempt_at) WHERE status = 'pending';
CREATE INDEX stored_copy_stored_idx ON stored_copy (stored_at) WHERE status = 'stored';

CREATE FUNCTION generation_copies_due() RETURNS trigger AS $$
BEGIN
    IF NEW.state = 'completed' AND NEW.refund_tx IS NULL AND jsonb_typeof(NEW.result_urls) = 'array' THEN
        INSERT INTO "${flyway:defaultSchema}".stored_copy (generation_id, file_index, origin_url)
        SELECT NEW.id, (u.n - 1)::integer, u.url
          FROM jsonb_array_elements_text(NEW.result_urls) WITH ORDINALITY AS u(url, n)
        ON CONFLICT (generation_id, file_index) DO NOTHING;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER generation_copies_due
    AFTER UPDATE OF state, result_urls ON generation
    FOR EACH ROW
    WHEN (NEW.state = 'completed')
    EXECUTE FUNCTION generation_copies_due();
