-- A deleted vehicle ends its live photo streams: its photo rows go by cascade, which fires no
-- photo trigger, so the vehicle's own deletion is announced on the same channel.
create function announce_vehicle_deletion() returns trigger
language plpgsql as $$
begin
  perform pg_notify('photo_changes', old.id::text);
  return null;
end
$$;
create trigger vehicle_deleted after delete on vehicle
  for each row execute function announce_vehicle_deletion();
