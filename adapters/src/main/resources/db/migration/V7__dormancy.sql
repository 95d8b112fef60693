-- Dormancy rule (REMOTE programs): when a pool was last used, whether it is dormant, and the rule's period.
ALTER TABLE credit_pool ADD COLUMN last_activity DATE;
ALTER TABLE credit_pool ADD COLUMN dormancy_days INTEGER;
ALTER TABLE credit_pool ADD COLUMN dormant BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE credit_program ADD COLUMN dormancy_days INTEGER;
