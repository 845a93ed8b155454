-- Every runtime on this database keeps the first page of each owner's server list in memory
-- (ServerPages). These triggers tell them, on channel berth_servers, whose servers changed: the
-- owner's id, or '*' for everybody (an image renamed, a truncate, or a statement touching servers
-- of many owners, such as a migrator batch). Statement-level with transition tables, so a batch of
-- a thousand rows costs one trigger call; notifications are sent when the transaction commits.

-- [jooq ignore start] (no tables or columns here, and jOOQ's open-source parser reads no PL/pgSQL)
create function berth_notify_server_owners() returns trigger language plpgsql as $$
declare
  owners uuid[];
begin
  if tg_op = 'INSERT' then
    select array_agg(distinct owner_id) into owners from new_rows;
  elsif tg_op = 'DELETE' then
    select array_agg(distinct owner_id) into owners from old_rows;
  else
    select array_agg(distinct o) into owners
      from (select owner_id from new_rows union select owner_id from old_rows) as changed (o);
  end if;
  if owners is null then
    return null;
  end if;
  if cardinality(owners) > 64 then
    perform pg_notify('berth_servers', '*');
  else
    perform pg_notify('berth_servers', o::text) from unnest(owners) as o;
  end if;
  return null;
end
$$;

create function berth_notify_all_servers() returns trigger language plpgsql as $$
begin
  perform pg_notify('berth_servers', '*');
  return null;
end
$$;

create trigger servers_inserted after insert on servers
  referencing new table as new_rows for each statement execute function berth_notify_server_owners();
create trigger servers_updated after update on servers
  referencing old table as old_rows new table as new_rows for each statement execute function berth_notify_server_owners();
create trigger servers_deleted after delete on servers
  referencing old table as old_rows for each statement execute function berth_notify_server_owners();
create trigger servers_truncated after truncate on servers
  for each statement execute function berth_notify_all_servers();
-- a list shows each server's image name
create trigger images_changed after update or delete on images
  for each statement execute function berth_notify_all_servers();
-- [jooq ignore stop]
