-- Vehicles, their photos, and the outbox that carries their events to Kafka.
-- Rules live here as constraints, not only in Java.

-- The VIN check digit (position 9) of 17-character VINs, as ISO 3779 / 49 CFR 565 compute it.
create function vin_check_digit_ok(vin text) returns boolean
language plpgsql immutable strict as $$
declare
  weights constant int[] := array[8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  total int := 0;
  c char;
  v int;
begin
  if length(vin) <> 17 then
    return true;
  end if;
  for i in 1..17 loop
    c := substr(vin, i, 1);
    v := case
      when c between '0' and '9' then ascii(c) - 48
      when c in ('A', 'J') then 1
      when c in ('B', 'K', 'S') then 2
      when c in ('C', 'L', 'T') then 3
      when c in ('D', 'M', 'U') then 4
      when c in ('E', 'N', 'V') then 5
      when c in ('F', 'W') then 6
      when c in ('G', 'P', 'X') then 7
      when c in ('H', 'Y') then 8
      when c in ('R', 'Z') then 9
    end;
    if v is null then
      return false;
    end if;
    total := total + v * weights[i];
  end loop;
  return substr(vin, 9, 1) = case when total % 11 = 10 then 'X' else chr(48 + total % 11) end;
end
$$;

create table vehicle (
  id             uuid primary key,
  owner_id       varchar(128) not null check (owner_id ~ '^[A-Za-z0-9._@|:-]+$'),
  make           varchar(50)  not null check (btrim(make) <> ''),
  model          varchar(50)  not null check (btrim(model) <> ''),
  year           smallint     check (year between 1886 and 2100),
  vin            varchar(17)  check (vin ~ '^[A-HJ-NPR-Z0-9]{11,17}$' and vin_check_digit_ok(vin)),
  plate          varchar(20),
  colour         varchar(30),
  nickname       varchar(60),
  cover_photo_id uuid,
  created_at     timestamptz  not null default now(),
  updated_at     timestamptz  not null default now()
);
create index vehicle_by_owner on vehicle (owner_id, created_at desc, id);
create unique index vehicle_vin_per_owner on vehicle (owner_id, vin) where vin is not null;

-- One row per photoId. Status only moves forward: PROCESSING -> READY | REJECTED, and any -> DELETED.
-- DELETED rows stay as tombstones so that a late READY cannot bring a deleted photo back.
create table photo (
  id               uuid primary key,
  vehicle_id       uuid         not null references vehicle (id) on delete cascade,
  owner_id         varchar(128) not null,
  status           varchar(10)  not null check (status in ('PROCESSING', 'READY', 'REJECTED', 'DELETED')),
  original         jsonb,
  variants         jsonb,
  sha256           char(64),
  rejection_reason varchar(40),
  rejection_detail varchar(2000),
  created_at       timestamptz  not null default now(),
  updated_at       timestamptz  not null default now(),
  check (status <> 'READY' or (original is not null and variants is not null)),
  check (status <> 'REJECTED' or rejection_reason is not null)
);
create index photo_by_vehicle on photo (vehicle_id, created_at, id);

alter table vehicle add constraint vehicle_cover_photo
  foreign key (cover_photo_id) references photo (id) on delete set null deferrable initially deferred;

-- Events written in the same transaction as the change they announce; a relay sends them to Kafka.
create table outbox (
  id          bigserial primary key,
  topic       varchar(100) not null,
  message_key varchar(100) not null,
  event_type  varchar(100) not null,
  payload     text,
  created_at  timestamptz  not null default now()
);

-- Live updates for every instance: each change to a vehicle's photos is announced on a channel.
create function announce_photo_change() returns trigger
language plpgsql as $$
begin
  perform pg_notify('photo_changes', coalesce(new.vehicle_id, old.vehicle_id)::text);
  return null;
end
$$;
create trigger photo_changed after insert or update on photo
  for each row execute function announce_photo_change();
