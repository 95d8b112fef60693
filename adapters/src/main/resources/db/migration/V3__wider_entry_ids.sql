-- Entries posted by business events have ids like wallet:{customer}:{request} (up to 168 characters).
ALTER TABLE gl_entry ALTER COLUMN entry_id SET DATA TYPE VARCHAR(255);
ALTER TABLE gl_entry ALTER COLUMN reverses_entry_id SET DATA TYPE VARCHAR(255);
ALTER TABLE gl_entry ALTER COLUMN reversed_by_entry_id SET DATA TYPE VARCHAR(255);
ALTER TABLE gl_line ALTER COLUMN entry_id SET DATA TYPE VARCHAR(255);
