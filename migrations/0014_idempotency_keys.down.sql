-- Stored responses are a cache: dropping them only means keys sent before are executed anew.
DROP TABLE idempotency_keys;
