-- For signed-urls.test.mjs: anonymous visitors may drop files into one bucket (insert only: no reading back).
create policy "anon drops into signed-urls-dropbox" on storage.objects for insert to anon
with check (bucket_id = 'signed-urls-dropbox');
