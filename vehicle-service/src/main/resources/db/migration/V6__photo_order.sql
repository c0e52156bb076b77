-- The owner's order of a vehicle's photos (PUT /api/v1/vehicles/{id}/photos/order): 0, 1, 2… as
-- the owner placed them; null for photos the owner has not placed (new uploads), which follow in the
-- order they were uploaded.
alter table photo add column position int check (position >= 0);
