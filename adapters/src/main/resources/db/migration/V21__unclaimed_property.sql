-- Unclaimed property (README "Unclaimed property"): what each pool owes to a state, and the programs' escheat basis.
ALTER TABLE credit_pool ADD COLUMN up_jurisdiction   VARCHAR(80);
ALTER TABLE credit_pool ADD COLUMN up_reportable_on  DATE;
ALTER TABLE credit_pool ADD COLUMN up_due_on         DATE;
ALTER TABLE credit_pool ADD COLUMN up_remitted_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE credit_program ADD COLUMN escheat_basis  VARCHAR(30) NOT NULL DEFAULT 'PRICE';
