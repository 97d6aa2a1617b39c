-- Waiting content is sealed (AES-GCM, a key per record wrapped by a master key outside the
-- database): rows hold ciphertext only, and the applicant's identity travels inside it.
alter table exchange_content add column wrapped_key bytea;
alter table exchange_content add column master_key_id varchar(16);
