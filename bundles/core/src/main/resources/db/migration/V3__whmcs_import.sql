-- WHMCS import: what a user carries beyond the fixed fields (WHMCS client custom fields, company name),
-- a JSON object of strings like servers.attributes. Written by the WHMCS migrator only.
alter table users add column attributes text not null default '{}';

-- Finding the source record of a Berth user or server (support questions, re-imports).
create index import_mappings_target_idx on import_mappings (target_id);
