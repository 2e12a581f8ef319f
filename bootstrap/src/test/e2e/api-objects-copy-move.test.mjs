// copy() and move() through the real @supabase/storage-js (fetch for x-upsert, x-metadata and malformed
// bodies): within and across buckets, metadata, conflicts, bucket rules, RLS and a race.
// Buckets: apiobj-transfer, apiobj-transfer-archive, apiobj-transfer-images, apiobj-dropbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { alice, anon, assertError, bob, dropBucket, freshBucket, postJson, put, service, userA, userB } from './api-objects-support.mjs';

const MAIN = 'apiobj-transfer';
const ARCHIVE = 'apiobj-transfer-archive';
const IMAGES = 'apiobj-transfer-images';
const DROPBOX = 'apiobj-dropbox';
const text = async (bucket, path) => (await service.from(bucket).download(path)).data.text();

before(async () => {
  await freshBucket(MAIN);
  await freshBucket(ARCHIVE);
  await freshBucket(IMAGES, { public: false, allowedMimeTypes: ['image/*'], fileSizeLimit: 4 });
  await freshBucket(DROPBOX);
  const uploaded = await service.from(MAIN).upload('docs/report.txt', 'quarterly numbers',
    { contentType: 'text/plain;charset=UTF-8', cacheControl: '60', metadata: { team: 'finance' } });
  assert.equal(uploaded.error, null);
});

after(async () => {
  for (const bucket of [MAIN, ARCHIVE, IMAGES, DROPBOX]) {
    await dropBucket(bucket);
  }
});

test('copy() makes an independent object with the bytes, type, caching and user metadata of the source', async () => {
  const copied = await service.from(MAIN).copy('docs/report.txt', 'docs/copy.txt');
  assert.equal(copied.error, null, JSON.stringify(copied.error));
  assert.deepEqual(copied.data, { path: `${MAIN}/docs/copy.txt` });
  assert.equal(await text(MAIN, 'docs/copy.txt'), 'quarterly numbers');
  const [source, copy] = [(await service.from(MAIN).info('docs/report.txt')).data, (await service.from(MAIN).info('docs/copy.txt')).data];
  assert.notEqual(copy.id, source.id);
  assert.equal(copy.contentType, 'text/plain;charset=UTF-8');
  assert.equal(copy.cacheControl, 'max-age=60');
  assert.equal(copy.etag, source.etag);
  assert.deepEqual(copy.metadata, { team: 'finance' });

  const across = await service.from(MAIN).copy('docs/report.txt', 'kept/report.txt', { destinationBucket: ARCHIVE });
  assert.deepEqual(across.data, { path: `${ARCHIVE}/kept/report.txt` });
  assert.equal(await text(ARCHIVE, 'kept/report.txt'), 'quarterly numbers');
  assert.equal(await text(MAIN, 'docs/report.txt'), 'quarterly numbers', 'the source stays');
});

test('copy() without metadata: overrides for type and caching, user metadata from x-metadata', async () => {
  const viaClient = await service.from(MAIN).copy('docs/report.txt', 'docs/bare.txt',
    { copyMetadata: false, metadata: { cacheControl: 'no-store' } });
  assert.equal(viaClient.error, null, JSON.stringify(viaClient.error));
  const bare = (await service.from(MAIN).info('docs/bare.txt')).data;
  assert.equal(bare.cacheControl, 'no-store');
  assert.equal(bare.contentType, 'text/plain;charset=UTF-8', 'not overridden: kept');
  assert.deepEqual(bare.metadata, {});

  const raw = await postJson('/object/copy', { bucketId: MAIN, sourceKey: 'docs/report.txt', destinationKey: 'docs/typed.md',
    copyMetadata: false, metadata: { mimetype: 'text/markdown' } },
  { headers: { 'x-metadata': Buffer.from(JSON.stringify({ copied: true })).toString('base64') } });
  assert.equal(raw.status, 200);
  const body = await raw.json();
  assert.equal(body.Key, `${MAIN}/docs/typed.md`);
  assert.match(body.Id, /^[0-9a-f-]{36}$/);
  const typed = (await service.from(MAIN).info('docs/typed.md')).data;
  assert.equal(typed.contentType, 'text/markdown');
  assert.deepEqual(typed.metadata, { copied: true });
});

test('copy() onto an existing object is a Duplicate unless x-upsert, which replaces it', async () => {
  await put(MAIN, 'docs/target.txt', 'old target');
  const refused = await service.from(MAIN).copy('docs/report.txt', 'docs/target.txt');
  assert.equal(refused.error.statusCode, '409');
  assert.equal(refused.error.message, 'The resource already exists');
  assert.equal(await text(MAIN, 'docs/target.txt'), 'old target');
  const before = (await service.from(MAIN).info('docs/target.txt')).data;

  const upserted = await postJson('/object/copy', { bucketId: MAIN, sourceKey: 'docs/report.txt', destinationKey: 'docs/target.txt' },
    { headers: { 'x-upsert': 'true' } });
  assert.equal(upserted.status, 200);
  assert.equal((await upserted.json()).Id, before.id, 'the destination keeps its identity');
  assert.equal(await text(MAIN, 'docs/target.txt'), 'quarterly numbers');
});

test('copy() errors: missing source or bucket, bad keys, missing fields, destination bucket rules', async () => {
  const missing = await service.from(MAIN).copy('docs/none.txt', 'docs/x.txt');
  assert.equal(missing.error.statusCode, '404');
  assert.equal(missing.error.message, 'Object not found');
  const noBucket = await service.from(MAIN).copy('docs/report.txt', 'x.txt', { destinationBucket: 'apiobj-none' });
  assert.equal(noBucket.error.message, 'Bucket not found');
  await assertError(await postJson('/object/copy', { bucketId: MAIN, sourceKey: 'docs/report.txt' }), 400, 'MissingParameter',
    'Missing Required Parameter destinationKey');
  await assertError(await postJson('/object/copy', { bucketId: MAIN, sourceKey: 'docs/report.txt', destinationKey: 'a//b' }),
    400, 'InvalidKey');
  await assertError(await postJson('/object/copy', { bucketId: MAIN, sourceKey: 1, destinationKey: 'b' }), 400, 'InvalidParameter');
  await assertError(await postJson('/object/copy', {}, { key: null }), 400, 'InvalidJWT');
  const wrongType = await service.from(MAIN).copy('docs/report.txt', 'r.txt', { destinationBucket: IMAGES });
  assert.equal(wrongType.error.statusCode, '415');
  assert.equal(wrongType.error.message, 'mime type text/plain is not supported');
  await put(MAIN, 'pics/big.png', 'more than four bytes', { contentType: 'image/png' });
  const tooBig = await service.from(MAIN).copy('pics/big.png', 'big.png', { destinationBucket: IMAGES });
  assert.equal(tooBig.error.statusCode, '413');
  assert.equal((await service.from(IMAGES).exists('big.png')).data, false);
});

test('move() renames within and across buckets, keeping the object\'s identity', async () => {
  await put(MAIN, 'moving/a.txt', 'moving along');
  const id = (await service.from(MAIN).info('moving/a.txt')).data.id;
  const moved = await service.from(MAIN).move('moving/a.txt', 'moved/b.txt');
  assert.equal(moved.error, null, JSON.stringify(moved.error));
  assert.deepEqual(moved.data, { message: 'Successfully moved' });
  assert.equal((await service.from(MAIN).exists('moving/a.txt')).data, false);
  assert.equal(await text(MAIN, 'moved/b.txt'), 'moving along');
  assert.equal((await service.from(MAIN).info('moved/b.txt')).data.id, id);

  assert.equal((await service.from(MAIN).move('moved/b.txt', 'far/b.txt', { destinationBucket: ARCHIVE })).error, null);
  assert.equal((await service.from(MAIN).exists('moved/b.txt')).data, false);
  assert.equal(await text(ARCHIVE, 'far/b.txt'), 'moving along');
});

test('move() errors: onto an existing object (source intact), missing source or bucket, bad body', async () => {
  await put(MAIN, 'clash/one.txt', 'one');
  await put(MAIN, 'clash/two.txt', 'two');
  const clash = await service.from(MAIN).move('clash/one.txt', 'clash/two.txt');
  assert.equal(clash.error.statusCode, '409');
  assert.equal(await text(MAIN, 'clash/one.txt'), 'one');
  assert.equal(await text(MAIN, 'clash/two.txt'), 'two');
  assert.equal((await service.from(MAIN).move('clash/none.txt', 'clash/x.txt')).error.statusCode, '404');
  assert.equal((await service.from(MAIN).move('clash/one.txt', 'x.txt', { destinationBucket: 'apiobj-none' })).error.message,
    'Bucket not found');
  await assertError(await postJson('/object/move', { sourceKey: 'a', destinationKey: 'b' }), 400, 'MissingParameter',
    'Missing Required Parameter bucketId');
  await assertError(await postJson('/object/move', { bucketId: MAIN, sourceKey: 'clash/one.txt', destinationKey: '/x' }), 400,
    'InvalidKey');
});

test('RLS with the own-folder policy: copy needs to read the source and insert the destination, move to update', async () => {
  const own = `${userA}/plan.txt`;
  await put(MAIN, own, 'secret plan');
  assert.equal((await alice.from(MAIN).copy(own, `${userA}/plan-copy.txt`)).error, null);
  assert.equal((await bob.from(MAIN).copy(own, `${userB}/stolen.txt`)).error.statusCode, '404');
  assert.equal((await anon.from(MAIN).copy(own, 'anon.txt')).error.statusCode, '404');
  assert.equal((await alice.from(MAIN).copy(own, `${userB}/gift.txt`)).error.statusCode, '403');
  assert.equal((await alice.from(MAIN).move(own, `${userB}/gift.txt`)).error.statusCode, '403');
  assert.equal((await bob.from(MAIN).move(own, `${userB}/taken.txt`)).error.statusCode, '404');
  assert.equal(await text(MAIN, own), 'secret plan', 'refused moves leave the source');
  assert.equal((await service.from(MAIN).exists(`${userB}/gift.txt`)).data, false);
  assert.equal((await alice.from(MAIN).move(`${userA}/plan-copy.txt`, `${userA}/renamed.txt`)).error, null);
  assert.equal((await service.from(MAIN).move(own, `${userB}/given.txt`)).error, null, 'service_role bypasses');
});

test('RLS with an insert-only dropbox: copying own files works; upserting or moving them needs UPDATE', async () => {
  assert.equal((await alice.from(DROPBOX).upload('inbox/a.txt', 'from alice')).error, null);
  assert.equal((await alice.from(DROPBOX).copy('inbox/a.txt', 'inbox/a-copy.txt')).error, null);
  assert.equal((await bob.from(DROPBOX).copy('inbox/a.txt', 'inbox/b-copy.txt')).error.statusCode, '404');
  const upsert = await postJson('/object/copy', { bucketId: DROPBOX, sourceKey: 'inbox/a.txt', destinationKey: 'inbox/a-copy.txt' },
    { key: process.env.USER_A_KEY, headers: { 'x-upsert': 'true' } });
  await assertError(upsert, 403, 'AccessDenied', 'new row violates row-level security policy');
  assert.equal((await alice.from(DROPBOX).move('inbox/a.txt', 'inbox/renamed.txt')).error.statusCode, '404');
  assert.equal(await text(DROPBOX, 'inbox/a.txt'), 'from alice');
  assert.deepEqual((await alice.from(DROPBOX).list('inbox')).data.map((o) => o.name), ['a-copy.txt', 'a.txt']);
});

test('a copy and a move racing on one source end as one of them ran first', async () => {
  for (let round = 0; round < 8; round++) {
    const source = `race/${round}/source.txt`;
    await put(MAIN, source, `round ${round}`);
    const [copied, moved] = await Promise.all([
      service.from(MAIN).copy(source, `race/${round}/copy.txt`),
      service.from(MAIN).move(source, `race/${round}/moved.txt`),
    ]);
    assert.equal(moved.error, null, JSON.stringify(moved.error));
    assert.equal((await service.from(MAIN).exists(source)).data, false);
    assert.equal(await text(MAIN, `race/${round}/moved.txt`), `round ${round}`);
    if (copied.error) {
      assert.equal(copied.error.statusCode, '404', 'move first: the copy found nothing');
      assert.equal((await service.from(MAIN).exists(`race/${round}/copy.txt`)).data, false);
    } else {
      assert.equal(await text(MAIN, `race/${round}/copy.txt`), `round ${round}`, 'copy first');
    }
  }
});
