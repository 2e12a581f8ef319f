-- A Supabase-style policy: authenticated users read and write only under a folder named after their id.
create policy "users own their folder" on storage.objects for all to authenticated
using ((storage.foldername(name))[1] = auth.uid()::text)
with check ((storage.foldername(name))[1] = auth.uid()::text);
