-- A verified (not yet settled) request, written before Kie.ai is asked so that a crash leaves a trace.
-- The unique payment_key makes a second use of the same signed payment fail here, before any task.
INSERT INTO generation (id, model, kie_model, type, prompt, options, price_usd, state, state_source,
                        payment_key, payment_version, payment_network, payer, amount_atomic, payment_status, read_token_hash)
VALUES (:#id, :#model, :#kieModel, :#type, :#prompt, CAST(:#options AS jsonb), CAST(:#priceUsd AS numeric),
        'creating', 'create',
        :#paymentKey, CAST(:#paymentVersion AS integer), :#paymentNetwork, :#payer, CAST(:#amountAtomic AS numeric),
        CASE WHEN CAST(:#paymentKey AS text) IS NULL THEN NULL ELSE 'verified' END, :#readTokenHash)
