// Buckets through the real @supabase/storage-js: listing options, size limits (numbers or "1KB") and MIME
// rules enforced on uploads (413/415, nothing stored), emptying, deleting, and RLS on storage.buckets.
// Buckets: apiobj-sortme-*, apiobj-limits, apiobj-emptied, apiobj-catalog.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { alice, anon, assertError, dropBucket, freshBucket, http, service } from './api-objects-support.mjs';

const SORTED = ['apiobj-sortme-b', 'apiobj-sortme-c', 'apiobj-sortme-a'];
const created = [];

after(async () => {
  for (const id of created) {
    await dropBucket(id);
  }
});

async function bucket(id, options) {
  await freshBucket(id, options);
  created.push(id);
}

test('listBuckets() with limit, offset, search, sortColumn and sortOrder', async () => {
  for (const id of SORTED) {
    await bucket(id);
  }
  const names = async (options) => {
    const { data, error } = await service.listBuckets(options);
    assert.equal(error, null, JSON.stringify(error));
    return data.map((b) => b.id);
  };
  assert.deepEqual(await names({ search: 'sortme' }), ['apiobj-sortme-a', 'apiobj-sortme-b', 'apiobj-sortme-c']);
  assert.deepEqual(await names({ search: 'SORTME', sortColumn: 'name', sortOrder: 'desc' }),
    ['apiobj-sortme-c', 'apiobj-sortme-b', 'apiobj-sortme-a']);
  assert.deepEqual(await names({ search: 'sortme', sortColumn: 'created_at', sortOrder: 'asc' }), SORTED);
  assert.deepEqual(await names({ search: 'sortme', sortColumn: 'created_at', sortOrder: 'asc', limit: 1, offset: 1 }),
    [SORTED[1]]);
  assert.deepEqual(await names({ search: 'sortme', sortColumn: 'id', limit: 2 }), ['apiobj-sortme-a', 'apiobj-sortme-b']);
  assert.deepEqual(await names({ search: 'sortme_' }), [], 'search wildcards are literal');
  await assertError(await http('/bucket?sortColumn=size'), 400, 'InvalidParameter', 'Invalid Parameter sortColumn');
  await assertError(await http('/bucket?limit=-1'), 400, 'InvalidParameter', 'Invalid Parameter limit');
  await assertError(await http('/bucket?sortOrder=up'), 400, 'InvalidParameter');
});

test('createBucket() and updateBucket() take the size limit as bytes or "1KB" and MIME patterns', async () => {
  await bucket('apiobj-limits', { public: false, fileSizeLimit: '1KB', allowedMimeTypes: ['image/*', 'text/plain'] });
  const got = (await service.getBucket('apiobj-limits')).data;
  assert.equal(got.file_size_limit, 1000, 'decimal units, as Supabase counts them');
  assert.deepEqual(got.allowed_mime_types, ['image/*', 'text/plain']);

  const updated = await service.updateBucket('apiobj-limits', { public: true, fileSizeLimit: 2048, allowedMimeTypes: ['image/*', 'text/plain'] });
  assert.deepEqual(updated.data, { message: 'Successfully updated' });
  assert.equal((await service.getBucket('apiobj-limits')).data.file_size_limit, 2048);
  assert.equal((await service.getBucket('apiobj-limits')).data.public, true);
  assert.equal((await service.updateBucket('apiobj-limits', { public: false, fileSizeLimit: '1kb' })).error, null);

  const bad = await service.createBucket('apiobj-badlimit', { fileSizeLimit: '20 lightyears' });
  assert.equal(bad.error.statusCode, '400');
  assert.equal(bad.error.message, 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B');
  assert.equal((await service.getBucket('apiobj-badlimit')).error.statusCode, '404');
  assert.equal((await service.updateBucket('apiobj-none', { public: true })).error.statusCode, '404');
  await assertError(await http('/bucket', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'apiobj-badtypes', allowed_mime_types: ['not a type'] }) }), 400, 'InvalidRequest');
});

test('uploads over the size limit are 413 and types outside the patterns 415, and nothing is stored', async () => {
  const limits = service.from('apiobj-limits');
  assert.equal((await limits.upload('ok.png', Buffer.alloc(1000), { contentType: 'image/png' })).error, null);
  assert.equal((await limits.upload('ok.txt', 'fine', { contentType: 'text/plain;charset=UTF-8' })).error, null);

  const refusals = [
    [await limits.upload('raw.png', Buffer.alloc(1001), { contentType: 'image/png' }), 'raw.png'],
    [await limits.upload('form.png', new Blob([Buffer.alloc(1001)], { type: 'image/png' })), 'form.png'],
    [await limits.upload('huge.png', new Blob([Buffer.alloc(3_000_000)], { type: 'image/png' })), 'huge.png'],
  ];
  for (const [result, name] of refusals) {
    assert.equal(result.error.statusCode, '413', name);
    assert.equal(result.error.message, 'The object exceeded the maximum allowed size');
    assert.equal((await limits.exists(name)).data, false, `${name} was not stored`);
  }
  const pdf = await limits.upload('doc.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf' });
  assert.equal(pdf.error.statusCode, '415');
  assert.equal(pdf.error.message, 'mime type application/pdf is not supported');
  assert.equal((await limits.exists('doc.pdf')).data, false);
  const upsertTooBig = await limits.upload('ok.png', Buffer.alloc(1001), { contentType: 'image/png', upsert: true });
  assert.equal(upsertTooBig.error.statusCode, '413');
  assert.equal((await limits.info('ok.png')).data.size, 1000, 'a refused overwrite keeps the old object');
});

test('emptyBucket() answers at once with Supabase\'s message; deleteBucket() refuses a bucket that is not empty', async () => {
  await bucket('apiobj-emptied');
  for (const name of ['a.txt', 'f/b.txt', 'f/g/c.txt']) {
    assert.equal((await service.from('apiobj-emptied').upload(name, name)).error, null);
  }
  const refused = await service.deleteBucket('apiobj-emptied');
  assert.equal(refused.error.statusCode, '409');
  assert.equal(refused.error.message, 'The bucket you tried to delete is not empty');

  const emptied = await service.emptyBucket('apiobj-emptied');
  assert.deepEqual(emptied.data, { message: 'Empty bucket has been queued. Completion may take up to an hour.' });
  assert.deepEqual((await service.from('apiobj-emptied').list('')).data, []);
  assert.equal((await service.emptyBucket('apiobj-none')).error.statusCode, '404');
  assert.equal((await service.deleteBucket('apiobj-none')).error.statusCode, '404');
});

test('RLS on storage.buckets: users see only what the policies show; anon nothing; service_role everything', async () => {
  await bucket('apiobj-catalog');
  const seenByAlice = (await alice.listBuckets()).data.map((b) => b.id).filter((id) => id.startsWith('apiobj-'));
  assert.deepEqual(seenByAlice, ['apiobj-catalog']);
  assert.equal((await alice.getBucket('apiobj-catalog')).data.id, 'apiobj-catalog');
  assert.equal((await alice.getBucket('apiobj-limits')).error.statusCode, '404');
  assert.deepEqual((await anon.listBuckets()).data, []);
  assert.equal((await anon.getBucket('apiobj-catalog')).error.statusCode, '404');

  const create = await alice.createBucket('apiobj-by-alice');
  assert.equal(create.error.statusCode, '403');
  assert.equal(create.error.message, 'new row violates row-level security policy');
  assert.equal((await alice.updateBucket('apiobj-catalog', { public: true })).error.statusCode, '404');
  assert.equal((await service.getBucket('apiobj-catalog')).data.public, false, 'the refused update changed nothing');
  assert.equal((await alice.deleteBucket('apiobj-catalog')).error.statusCode, '404');
  assert.equal((await alice.emptyBucket('apiobj-limits')).error.statusCode, '404');
  assert.ok((await service.listBuckets()).data.some((b) => b.id === 'apiobj-limits'));
});
