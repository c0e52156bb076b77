-- Duplicates and capture details (PhotoReady's perceptualHash and capture).
--   perceptual_hash: the 64-bit DCT hash, as a signed bigint (the event's 16 hex digits, two's complement)
--   duplicate_of:    the earliest READY photo of the same vehicle that is the same photo (same bytes,
--                    or hashes within photos.duplicates.max-distance bits); shown to the owner
--   taken_at, camera_make, camera_model: from the original's EXIF, never GPS; the owner's API only
alter table photo
  add column perceptual_hash bigint,
  add column duplicate_of    uuid references photo (id) on delete set null,
  add column taken_at        varchar(25) check (taken_at ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)?$'),
  add column camera_make     varchar(64),
  add column camera_model    varchar(64);

-- Near duplicates among every READY photo of every owner (tens of millions): the hash split into
-- three bands of 21, 21 and 22 bits. Two hashes within distance d differ in at most floor(d / 3) bits
-- of at least one band (pigeonhole), so a lookup probes each band's values within that many bits
-- (HashBands) and checks the whole distance on the index entries alone. Measured by
-- vehicle-service/bench/run-hash-lookup-benchmark (docs/BENCHMARKS.md).
create index photo_hash_band_high on photo (((perceptual_hash >> 43) & 2097151)) include (perceptual_hash, id)
  where status = 'READY' and perceptual_hash is not null;
create index photo_hash_band_middle on photo (((perceptual_hash >> 22) & 2097151)) include (perceptual_hash, id)
  where status = 'READY' and perceptual_hash is not null;
create index photo_hash_band_low on photo ((perceptual_hash & 4194303)) include (perceptual_hash, id)
  where status = 'READY' and perceptual_hash is not null;
-- The planner does not use a partial index's own statistics; without these it guesses that a band
-- value matches a thousand rows, and scans the whole table instead of probing the indexes.
create statistics photo_hash_band_high_stats on ((perceptual_hash >> 43) & 2097151) from photo;
create statistics photo_hash_band_middle_stats on ((perceptual_hash >> 22) & 2097151) from photo;
create statistics photo_hash_band_low_stats on (perceptual_hash & 4194303) from photo;
