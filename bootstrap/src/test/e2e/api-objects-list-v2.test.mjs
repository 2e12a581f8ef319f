// listV2(): flat and delimited pages under a prefix, cursors, sort orders, errors and RLS, through the real
// @supabase/storage-js (and fetch for malformed requests). Bucket: apiobj-list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { alice, anon, assertError, dropBucket, freshBucket, http, postJson, put, service, userA, userB } from './api-objects-support.mjs';

const BUCKET = 'apiobj-list';
/** Uploaded in this order, so creation order differs from name order; b.txt is overwritten last. */
const KEYS = ['b.txt', 'a/2.txt', 'a/1.txt', 'a.txt', 'a/sub/3.txt', 'ab/4.txt', 'c/5.txt', 'Z.txt', 'a0.txt', 'x_y.txt',
  'xzy.txt'];

before(async () => {
  await freshBucket(BUCKET);
  for (const key of KEYS) {
    await put(BUCKET, key, key);
  }
  await put(BUCKET, 'b.txt', 'updated', { upsert: true });
  await put(BUCKET, `${userA}/mine.txt`, 'a');
  await put(BUCKET, `${userB}/theirs.txt`, 'b');
});

after(() => dropBucket(BUCKET));

/** Every folder and object name, following nextCursor page by page of `limit`. */
async function pages(storage, options, limit) {
  const folders = [];
  const objects = [];
  let cursor;
  for (let page = 0; page < 50; page++) {
    const { data, error } = await storage.from(BUCKET).listV2({ ...options, limit, cursor });
    assert.equal(error, null, JSON.stringify(error));
    assert.ok(data.folders.length + data.objects.length <= limit);
    folders.push(...data.folders.map((f) => f.name));
    objects.push(...data.objects.map((o) => o.name));
    if (!data.hasNext) {
      assert.equal(data.nextCursor, undefined);
      return { folders, objects };
    }
    assert.equal(data.folders.length + data.objects.length, limit, 'only the last page is short');
    cursor = data.nextCursor;
  }
  throw new Error('paging did not end');
}

const mineOnly = (names) => names.filter((n) => !n.startsWith(userA) && !n.startsWith(userB));

test('with the delimiter: direct children, deeper keys gathered into folders, paged by cursor', async () => {
  for (const limit of [1, 2, 5, 1000]) {
    const root = await pages(service, { with_delimiter: true }, limit);
    assert.deepEqual(mineOnly(root.folders), ['a/', 'ab/', 'c/'], `limit ${limit}`);
    assert.deepEqual(root.objects, ['Z.txt', 'a.txt', 'a0.txt', 'b.txt', 'x_y.txt', 'xzy.txt']);
  }
  const inA = await pages(service, { with_delimiter: true, prefix: 'a/' }, 2);
  assert.deepEqual(inA, { folders: ['a/sub/'], objects: ['a/1.txt', 'a/2.txt'] });
  const startingWithA = await pages(service, { with_delimiter: true, prefix: 'a' }, 1);
  // The users' folders are random uuids and may start with "a" too.
  assert.deepEqual({ ...startingWithA, folders: mineOnly(startingWithA.folders) },
    { folders: ['a/', 'ab/'], objects: ['a.txt', 'a0.txt'] });
  const descending = await pages(service, { with_delimiter: true, prefix: 'a/', sortBy: { column: 'name', order: 'desc' } }, 1);
  assert.deepEqual(descending, { folders: ['a/sub/'], objects: ['a/2.txt', 'a/1.txt'] });
});

test('entries carry Supabase\'s fields: folders {key, name}, objects with id, key, timestamps and metadata', async () => {
  const { data } = await service.from(BUCKET).listV2({ with_delimiter: true, prefix: 'a/' });
  assert.deepEqual(data.folders, [{ key: 'sub', name: 'a/sub/' }]);
  const first = data.objects[0];
  assert.deepEqual(Object.keys(first).sort(), ['created_at', 'id', 'key', 'last_accessed_at', 'metadata', 'name', 'updated_at']);
  assert.equal(first.key, '1.txt');
  assert.equal(first.metadata.size, 'a/1.txt'.length);
  assert.equal(first.metadata.mimetype, 'text/plain');
  assert.equal(data.hasNext, false);
});

test('without the delimiter: every key under the prefix, flat, in name order either way', async () => {
  const all = await pages(service, { prefix: 'a' }, 2);
  assert.deepEqual({ ...all, objects: mineOnly(all.objects) },
    { folders: [], objects: ['a.txt', 'a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'a0.txt', 'ab/4.txt'] });
  const reversed = await pages(service, { prefix: 'a/', sortBy: { column: 'name', order: 'desc' } }, 2);
  assert.deepEqual(reversed.objects, ['a/sub/3.txt', 'a/2.txt', 'a/1.txt']);
  assert.deepEqual((await pages(service, { prefix: 'x_' }, 10)).objects, ['x_y.txt'], 'LIKE wildcards are literal');
});

test('by created_at and updated_at: upload order, with folders at their earliest creation', async () => {
  const created = await pages(service, { prefix: 'a/', sortBy: { column: 'created_at', order: 'asc' } }, 1);
  assert.deepEqual(created.objects, ['a/2.txt', 'a/1.txt', 'a/sub/3.txt']);
  const rootByCreation = await pages(service, { with_delimiter: true, sortBy: { column: 'created_at', order: 'desc' } }, 3);
  assert.deepEqual(rootByCreation.objects, ['xzy.txt', 'x_y.txt', 'a0.txt', 'Z.txt', 'a.txt', 'b.txt']);
  assert.deepEqual(rootByCreation.folders, [`${userB}/`, `${userA}/`, 'c/', 'ab/', 'a/']);
  const updated = await pages(service, { sortBy: { column: 'updated_at', order: 'asc' } }, 4);
  const flat = mineOnly(updated.objects);
  assert.equal(flat.at(-1), 'b.txt', 'overwritten last');
  assert.deepEqual(flat.slice(0, -1), KEYS.filter((k) => k !== 'b.txt'));
});

test('malformed requests are 400 with the parameter named; a missing key is InvalidJWT', async () => {
  await assertError(await postJson(`/object/list-v2/${BUCKET}`, { cursor: 'not-a-cursor' }), 400, 'InvalidParameter',
    'Invalid Parameter cursor');
  await assertError(await postJson(`/object/list-v2/${BUCKET}`, { limit: 0 }), 400, 'InvalidParameter', 'Invalid Parameter limit');
  await assertError(await postJson(`/object/list-v2/${BUCKET}`, { sortBy: { column: 'size' } }), 400, 'InvalidParameter',
    'Invalid Parameter sortBy.column');
  await assertError(await postJson(`/object/list-v2/${BUCKET}`, { with_delimiter: 'yes' }), 400, 'InvalidParameter');
  await assertError(await http(`/object/list-v2/${BUCKET}`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: '{"prefix":' }), 400, 'InvalidRequest');
  await assertError(await postJson(`/object/list-v2/${BUCKET}`, {}, { key: null }), 400, 'InvalidJWT');
  await assertError(await postJson('/object/list-v2/bad%7Bname', {}), 400, 'InvalidBucketName');
});

test('RLS: each user pages through what the policies show them, anon nothing, service_role everything', async () => {
  const asAlice = await pages(alice, { with_delimiter: true }, 1);
  assert.deepEqual(asAlice, { folders: [`${userA}/`], objects: [] });
  assert.deepEqual((await pages(alice, { prefix: `${userB}/` }, 10)).objects, []);
  assert.deepEqual(await pages(anon, {}, 10), { folders: [], objects: [] });
  const everything = await pages(service, {}, 100);
  assert.equal(everything.objects.length, KEYS.length + 2);
});
