-- Material rights (README "Material rights"): the option's state on its obligation row, a projection like the rest.
ALTER TABLE contract_obligation ADD COLUMN option_likelihood      VARCHAR(30);
ALTER TABLE contract_obligation ADD COLUMN option_expires_on      DATE;
ALTER TABLE contract_obligation ADD COLUMN option_expected_units  VARCHAR(80);
ALTER TABLE contract_obligation ADD COLUMN option_exercised_units VARCHAR(80);
ALTER TABLE contract_obligation ADD COLUMN option_lapsed_on       DATE;
