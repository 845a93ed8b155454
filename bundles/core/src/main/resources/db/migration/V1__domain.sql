-- Berth domain schema. Ids are UUIDs, times timestamptz (UTC). jOOQ classes are generated from these files.

create table users (
  id                     uuid         not null primary key,
  email                  varchar(320) not null,
  name                   varchar(200),
  -- Argon2id (native), bcrypt $2y$/$2a$/$2b$ (migrated, rehashed at next login) or md5:salt (legacy, reset forced)
  password_hash          varchar(512),
  password_reset_required boolean     not null default false,
  role                   varchar(16)  not null default 'user' check (role in ('user', 'admin')),
  disabled               boolean      not null default false,
  quota_servers          integer      not null default 5 check (quota_servers >= 0),
  quota_subdomains       integer      not null default 2 check (quota_subdomains >= 0),
  created_at             timestamptz  not null default now(),
  updated_at             timestamptz  not null default now()
);
create unique index users_email_key on users (email);

create table images (
  id             uuid         not null primary key,
  hypervisor_id  varchar(100) not null,
  template_ref   varchar(200) not null,
  name           varchar(200) not null,
  os             varchar(100) not null,
  min_disk_gb    integer      not null check (min_disk_gb > 0),
  linked_clone   boolean      not null default false,
  active         boolean      not null default true,
  created_at     timestamptz  not null default now(),
  constraint images_template_key unique (hypervisor_id, template_ref)
);

create table plans (
  id          uuid         not null primary key,
  name        varchar(100) not null,
  cpu_cores   integer      not null check (cpu_cores > 0),
  memory_mb   integer      not null check (memory_mb > 0),
  disk_gb     integer      not null check (disk_gb > 0),
  active      boolean      not null default true,
  created_at  timestamptz  not null default now(),
  constraint plans_name_key unique (name)
);

-- A range of IPv4 addresses handed to VMs; addresses are kept as text and as their 32-bit number for ordering.
create table ip_pools (
  id             uuid         not null primary key,
  name           varchar(100) not null,
  first_address  bigint       not null,
  last_address   bigint       not null,
  prefix_length  integer      not null check (prefix_length between 1 and 32),
  gateway        varchar(45),
  nameservers    varchar(200),
  created_at     timestamptz  not null default now(),
  constraint ip_pools_name_key unique (name),
  constraint ip_pools_range check (first_address <= last_address)
);

create table servers (
  id             uuid         not null primary key,
  owner_id       uuid         not null references users (id),
  name           varchar(63)  not null,
  status         varchar(16)  not null check (status in ('provisioning', 'running', 'stopped', 'starting', 'stopping',
                   'rebooting', 'terminating', 'terminated', 'failed', 'suspended')),
  status_detail  varchar(500),
  -- the settled status to return to when a suspended server is unsuspended
  resume_status  varchar(16),
  image_id       uuid         references images (id),
  plan_id        uuid         references plans (id),
  cpu_cores      integer      not null check (cpu_cores > 0),
  memory_mb      integer      not null check (memory_mb > 0),
  disk_gb        integer      not null check (disk_gb > 0),
  hypervisor_id  varchar(100),
  node           varchar(100),
  vm_id          varchar(32),
  ip_address     varchar(45),
  location       varchar(100),
  ssh_keys       text,
  -- what a server carries beyond the fixed fields, a JSON object of strings
  attributes     text         not null default '{}',
  created_at     timestamptz  not null default now(),
  updated_at     timestamptz  not null default now(),
  terminated_at  timestamptz
);
create index servers_owner_idx on servers (owner_id, created_at, id);
create index servers_status_idx on servers (status);

create table ip_allocations (
  pool_id        uuid         not null references ip_pools (id),
  address_number bigint       not null,
  address        varchar(45)  not null,
  server_id      uuid         references servers (id),
  allocated_at   timestamptz  not null default now(),
  constraint ip_allocations_pkey primary key (pool_id, address_number)
);
create unique index ip_allocations_server_key on ip_allocations (server_id);

-- A workflow run for one server (provision, power action, terminate) or for the platform (reconcile).
create table jobs (
  id             uuid         not null primary key,
  kind           varchar(32)  not null,
  server_id      uuid         references servers (id),
  status         varchar(16)  not null check (status in ('pending', 'running', 'waiting', 'succeeded', 'failed')),
  params         text         not null default '{}',
  attempts       integer      not null default 0,
  last_error     varchar(2000),
  created_at     timestamptz  not null default now(),
  updated_at     timestamptz  not null default now(),
  finished_at    timestamptz
);
create index jobs_server_idx on jobs (server_id, created_at);
create index jobs_status_idx on jobs (status);

-- One persisted step of a job: its outcome and any external handle (e.g. a Proxmox UPID) are stored before the next starts.
create table job_steps (
  job_id         uuid         not null references jobs (id),
  step_no        integer      not null,
  name           varchar(64)  not null,
  status         varchar(16)  not null check (status in ('pending', 'started', 'done', 'failed')),
  handle         varchar(500),
  outcome        text,
  started_at     timestamptz,
  finished_at    timestamptz,
  constraint job_steps_pkey primary key (job_id, step_no)
);

create table idempotency_keys (
  owner_id       uuid         not null references users (id),
  idem_key       varchar(200) not null,
  request_hash   varchar(64)  not null,
  server_id      uuid         not null references servers (id),
  created_at     timestamptz  not null default now(),
  constraint idempotency_keys_pkey primary key (owner_id, idem_key)
);

create table audit_log (
  id             bigserial    not null primary key,
  at             timestamptz  not null default now(),
  actor_id       uuid,
  actor_email    varchar(320),
  action         varchar(64)  not null,
  resource_type  varchar(32)  not null,
  resource_id    varchar(64),
  remote_address varchar(64),
  detail         text
);
create index audit_log_at_idx on audit_log (at);

-- Records imported from other billing systems (e.g. WHMCS): source ids to Berth ids, for idempotent re-runs.
create table import_mappings (
  source         varchar(32)  not null,
  entity         varchar(32)  not null,
  source_id      varchar(64)  not null,
  target_id      uuid         not null,
  fingerprint    varchar(64)  not null,
  imported_at    timestamptz  not null default now(),
  updated_at     timestamptz  not null default now(),
  constraint import_mappings_pkey primary key (source, entity, source_id)
);
