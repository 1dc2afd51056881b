-- The state machine, written once. A generation's state and its payment's status change only along a transition
-- listed here; a trigger refuses any other change (SQLSTATE VG409), whoever writes the row. The CASE guards in sql/
-- still decide WHICH legal transition a statement makes; this table decides what is legal at all. A statement that
-- leaves the state (or the status) as it was is always allowed: most of them only touch other columns.
-- docs/state-machine.md draws these rows, and db/StateMachineIsWrittenOnceTest both keeps the drawing alike and tries
-- every pair of states. The runtime role may read this table, not change it (db/RuntimeRole).
CREATE TABLE state_transition (
    machine     text NOT NULL CHECK (machine IN ('generation', 'payment')),  -- generation.state | generation.payment_status
    from_state  text NOT NULL,
    to_state    text NOT NULL,
    made_by     text NOT NULL,                                              -- the sql/ statements that make it
    PRIMARY KEY (machine, from_state, to_state),
    CHECK (from_state <> to_state)
);

INSERT INTO state_transition (machine, from_state, to_state, made_by) VALUES
    -- generation.state: creating -> (Kie.ai's task) pending -> processing -> completed | failed
    ('generation', 'creating',    'pending',     'task-created, adopt-task'),
    ('generation', 'creating',    'unconfirmed', 'mark-unconfirmed, close-interrupted'),
    ('generation', 'creating',    'failed',      'close-interrupted, adopt-task'),
    ('generation', 'unconfirmed', 'pending',     'adopt-task'),
    ('generation', 'unconfirmed', 'failed',      'close-interrupted, adopt-task'),
    ('generation', 'pending',     'processing',  'record-task-state'),
    ('generation', 'pending',     'completed',   'record-task-state'),
    ('generation', 'pending',     'failed',      'record-task-state, give-up'),
    ('generation', 'processing',  'completed',   'record-task-state'),
    ('generation', 'processing',  'failed',      'record-task-state, give-up'),
    -- the two ways out of failed: an interrupted createTask whose task Kie.ai did start is adopted, and a generation
    -- given up for time is completed when Kie.ai confirms the video after all (never once refunded)
    ('generation', 'failed',      'pending',     'adopt-task'),
    ('generation', 'failed',      'completed',   'record-task-state'),
    -- generation.payment_status: verified -> settling -> settled | failed | settle_unknown -> settled | failed
    -- (no payment: NULL, which never changes; 'unpaid', written before V5, never changes either)
    ('payment',    'verified',       'settling',       'task-created'),
    ('payment',    'verified',       'settled',        'record-settlement, mark-payment-confirmed'),
    ('payment',    'verified',       'failed',         'record-settlement, mark-payment-failed'),
    ('payment',    'verified',       'settle_unknown', 'record-settlement'),
    ('payment',    'settling',       'settled',        'record-settlement, mark-payment-confirmed'),
    ('payment',    'settling',       'failed',         'record-settlement, mark-payment-failed'),
    ('payment',    'settling',       'settle_unknown', 'record-settlement'),
    ('payment',    'settle_unknown', 'settled',        'record-settlement, mark-payment-confirmed'),
    ('payment',    'settle_unknown', 'failed',         'record-settlement, mark-payment-failed');

-- The table is named with its schema: a relation without one would be looked up in the session's temporary schema
-- first, where any role may make a look-alike.
CREATE FUNCTION require_legal_transition(machine_name text, what text, from_state text, to_state text, generation_id text)
    RETURNS void AS $$
BEGIN
    IF to_state IS DISTINCT FROM from_state AND NOT EXISTS (
           SELECT 1 FROM "${flyway:defaultSchema}".state_transition t
            WHERE t.machine = machine_name AND t.from_state = require_legal_transition.from_state
              AND t.to_state = require_legal_transition.to_state) THEN
        RAISE EXCEPTION 'illegal % transition: % -> % (generation %)',
                        what, coalesce(from_state, 'NULL'), coalesce(to_state, 'NULL'), generation_id
              USING ERRCODE = 'VG409', HINT = 'the legal transitions are the rows of table state_transition';
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION generation_transition_is_legal() RETURNS trigger AS $$
BEGIN
    PERFORM "${flyway:defaultSchema}".require_legal_transition('generation', 'generation state', OLD.state, NEW.state, OLD.id);
    PERFORM "${flyway:defaultSchema}".require_legal_transition('payment', 'payment status', OLD.payment_status, NEW.payment_status, OLD.id);
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- BEFORE UPDATE of any column (not OF state, payment_status): a change is checked whatever the SET list names.
CREATE TRIGGER generation_transition_is_legal
    BEFORE UPDATE ON generation
    FOR EACH ROW
    WHEN (NEW.state IS DISTINCT FROM OLD.state OR NEW.payment_status IS DISTINCT FROM OLD.payment_status)
    EXECUTE FUNCTION generation_transition_is_legal();
