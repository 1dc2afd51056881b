-- A paid (or, before x402, accepted) request, written before Kie.ai is asked so that a crash leaves a trace.
INSERT INTO generation (id, model, kie_model, type, prompt, options, price_usd, state, state_source)
VALUES (:#id, :#model, :#kieModel, :#type, :#prompt, CAST(:#options AS jsonb), CAST(:#priceUsd AS numeric),
        'creating', 'create')
