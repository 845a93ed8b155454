-- A job enqueued anywhere (an order, an action, the migrator) wakes the job engines on this database
-- at once, instead of at their next poll: each runtime's JobNotices listens on channel berth_jobs.
-- Statement-level, so a batch of rows costs one trigger call; the notification is sent when the
-- transaction commits (and not at all when it rolls back), and PostgreSQL folds the identical ones
-- of a transaction into one.

-- [jooq ignore start] (no tables or columns here, and jOOQ's open-source parser reads no PL/pgSQL)
-- berth_notify(channel, payload): a statement trigger's notification, named by the trigger's arguments
create function berth_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify(tg_argv[0], tg_argv[1]);
  return null;
end
$$;

create trigger scheduled_tasks_inserted after insert on scheduled_tasks
  for each statement execute function berth_notify('berth_jobs', '');
-- [jooq ignore stop]
