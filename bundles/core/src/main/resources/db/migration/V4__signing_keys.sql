-- Keys that sign access tokens, shared by every runtime on this database. The newest is used to sign.
create table signing_keys (
  kid         varchar(64)  not null primary key,
  jwk         text         not null,
  created_at  timestamptz  not null default now()
);
