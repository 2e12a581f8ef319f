// Drives the running server with the unmodified @supabase/storage-js client.
// Environment: STORAGE_URL (…/storage/v1), SERVICE_KEY, ANON_KEY, USER_A_ID/USER_A_KEY, USER_B_ID/USER_B_KEY.
// The policies in sql/ are in place (users own the folder named after their id).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { StorageClient } from '@supabase/storage-js';

const url = process.env.STORAGE_URL;
const client = (key) => new StorageClient(url, { apikey: key, Authorization: `Bearer ${key}` });
const service = client(process.env.SERVICE_KEY);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const bucket = `e2e-${Date.now()}`;

test('bucket lifecycle, upload, list, download and remove with the service key', async () => {
  const created = await service.createBucket(bucket, { public: false });
  assert.equal(created.error, null, JSON.stringify(created.error));
  assert.deepEqual(created.data, { name: bucket });

  const got = await service.getBucket(bucket);
  assert.equal(got.error, null);
  assert.deepEqual(Object.keys(got.data).sort(),
    ['allowed_mime_types', 'created_at', 'file_size_limit', 'id', 'name', 'owner', 'public', 'updated_at']);
  assert.equal(got.data.public, false);
  assert.match(got.data.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

  const listed = await service.listBuckets();
  assert.ok(listed.data.some((b) => b.id === bucket));

  const payload = randomBytes(3 * 1024 * 1024 + 17);
  const raw = await service.from(bucket).upload('docs/report.bin', payload, { contentType: 'application/octet-stream' });
  assert.equal(raw.error, null, JSON.stringify(raw.error));
  assert.equal(raw.data.path, 'docs/report.bin');
  assert.equal(raw.data.fullPath, `${bucket}/docs/report.bin`);
  assert.match(raw.data.id, /^[0-9a-f-]{36}$/);

  const blob = new Blob(['hello from a blob'], { type: 'text/plain' });
  const form = await service.from(bucket).upload('docs/notes/hello.txt', blob, { cacheControl: '120' });
  assert.equal(form.error, null, JSON.stringify(form.error));

  const duplicate = await service.from(bucket).upload('docs/report.bin', payload);
  assert.ok(duplicate.error, 'uploading onto an existing name without upsert is refused');
  assert.equal(duplicate.error.statusCode, '409');

  const upserted = await service.from(bucket).upload('docs/notes/hello.txt', new Blob(['replaced']), { upsert: true });
  assert.equal(upserted.error, null, JSON.stringify(upserted.error));

  const list = await service.from(bucket).list('docs');
  assert.equal(list.error, null);
  const names = list.data.map((e) => e.name).sort();
  assert.deepEqual(names, ['notes', 'report.bin']);
  assert.equal(list.data.find((e) => e.name === 'notes').id, null);
  assert.equal(list.data.find((e) => e.name === 'report.bin').metadata.size, payload.length);

  const down = await service.from(bucket).download('docs/report.bin');
  assert.equal(down.error, null);
  const bytes = Buffer.from(await down.data.arrayBuffer());
  assert.equal(sha256(bytes), sha256(payload));

  const text = await service.from(bucket).download('docs/notes/hello.txt');
  assert.equal(await text.data.text(), 'replaced');

  const missing = await service.from(bucket).download('docs/nope.txt');
  assert.ok(missing.error);

  const removed = await service.from(bucket).remove(['docs/report.bin', 'docs/notes/hello.txt', 'docs/never.txt']);
  assert.equal(removed.error, null);
  assert.deepEqual(removed.data.map((o) => o.name).sort(), ['docs/notes/hello.txt', 'docs/report.bin']);

  const deleted = await service.deleteBucket(bucket);
  assert.equal(deleted.error, null, JSON.stringify(deleted.error));
  const gone = await service.getBucket(bucket);
  assert.equal(gone.error.statusCode, '404');
});

test('a user cannot read another user\'s folder under a Supabase-style policy', async () => {
  const rls = `${bucket}-rls`;
  assert.equal((await service.createBucket(rls)).error, null);
  const userA = client(process.env.USER_A_KEY);
  const userB = client(process.env.USER_B_KEY);
  const ownPath = `${process.env.USER_A_ID}/private.txt`;

  const upload = await userA.from(rls).upload(ownPath, 'secret of A', { contentType: 'text/plain' });
  assert.equal(upload.error, null, JSON.stringify(upload.error));
  const own = await userA.from(rls).download(ownPath);
  assert.equal(own.error, null);
  assert.equal(await own.data.text(), 'secret of A');

  const stolen = await userB.from(rls).download(ownPath);
  assert.ok(stolen.error, 'B must not read A\'s object');
  assert.equal(stolen.error.statusCode, '404');
  const peek = await userB.from(rls).list(process.env.USER_A_ID);
  assert.deepEqual(peek.data, []);
  const intrude = await userB.from(rls).upload(`${process.env.USER_A_ID}/planted.txt`, 'x');
  assert.equal(intrude.error.statusCode, '403');
  const wipe = await userB.from(rls).remove([ownPath]);
  assert.deepEqual(wipe.data, []);
  assert.equal((await userA.from(rls).download(ownPath)).error, null, 'A\'s object survived B\'s attempt');

  assert.equal((await service.emptyBucket(rls)).error, null);
  assert.equal((await service.deleteBucket(rls)).error, null);
});
