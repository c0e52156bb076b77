-- What the processor learnt about a READY photo beyond its sizes (PhotoReady's placeholder,
-- dominantColor and quality): a ThumbHash, base64 of at most 40 bytes; #rrggbb; the advisory quality
-- flags as a JSON array of {flag, score}. Null for photos processed before these existed.
alter table photo
  add column placeholder    varchar(56) check (placeholder ~ '^[A-Za-z0-9+/]{4,52}={0,2}$'),
  add column dominant_color char(7)     check (dominant_color ~ '^#[0-9a-f]{6}$'),
  add column quality        jsonb       check (quality is null or jsonb_typeof(quality) = 'array');
