-- Supabase-style policies for the api-objects end-to-end tests, each scoped to its own bucket so the
-- other test files' buckets are untouched (the shared "users own their folder" policy applies too).

-- apiobj-catalog is the one bucket signed-in users may see in the bucket list; anon sees none.
create policy "apiobj catalog is visible to signed-in users" on storage.buckets for select to authenticated
using (id = 'apiobj-catalog');

-- apiobj-dropbox: any signed-in user may drop new files anywhere, but only reads what they own, and no one
-- may update (so an upsert over an existing file, or a move, is refused even to its owner).
create policy "apiobj dropbox accepts files from signed-in users" on storage.objects for insert to authenticated
with check (bucket_id = 'apiobj-dropbox');
create policy "apiobj dropbox shows owners their files" on storage.objects for select to authenticated
using (bucket_id = 'apiobj-dropbox' and owner_id = auth.uid()::text);
create policy "apiobj dropbox lets owners delete their files" on storage.objects for delete to authenticated
using (bucket_id = 'apiobj-dropbox' and owner_id = auth.uid()::text);
