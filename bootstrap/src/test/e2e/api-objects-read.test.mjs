// info(), exists(), public URLs and the raw HTTP details of downloads (ranges, validators, headers, errors),
// driven by the real @supabase/storage-js and by fetch. Buckets: apiobj-read, apiobj-read-public.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { alice, anon, assertError, bob, dropBucket, freshBucket, http, md5, put, service, userA, userB } from './api-objects-support.mjs';

const PRIVATE = 'apiobj-read';
const PUBLIC = 'apiobj-read-public';
const TEXT = 'hello, range requests!';

before(async () => {
  await freshBucket(PRIVATE);
  await freshBucket(PUBLIC, { public: true });
  await put(PRIVATE, 'notes/hello.txt', TEXT, { contentType: 'text/plain;charset=UTF-8', cacheControl: '300' });
  await put(PUBLIC, 'site/index.html', '<h1>hi</h1>', { contentType: 'text/html' });
});

after(async () => {
  await dropBucket(PRIVATE);
  await dropBucket(PUBLIC);
});

test('info() returns exactly the fields Supabase sends, user metadata included', async () => {
  const raw = await service.from(PRIVATE).upload('meta/raw.txt', 'abc', { contentType: 'text/plain', metadata: { owner: 'raw' } });
  assert.equal(raw.error, null, JSON.stringify(raw.error));
  const form = await service.from(PRIVATE).upload('meta/form.txt', new Blob(['abcd'], { type: 'text/plain' }), { metadata: { via: 'form' } });
  assert.equal(form.error, null, JSON.stringify(form.error));

  const info = await service.from(PRIVATE).info('meta/raw.txt');
  assert.equal(info.error, null, JSON.stringify(info.error));
  assert.deepEqual(Object.keys(info.data).sort(), ['bucketId', 'cacheControl', 'contentType', 'createdAt', 'etag', 'id',
    'lastModified', 'metadata', 'name', 'size', 'version']);
  assert.equal(info.data.id, raw.data.id);
  assert.equal(info.data.name, 'meta/raw.txt');
  assert.equal(info.data.bucketId, PRIVATE);
  assert.equal(info.data.size, 3);
  assert.equal(info.data.contentType, 'text/plain');
  assert.equal(info.data.etag, `"${md5('abc')}"`);
  assert.deepEqual(info.data.metadata, { owner: 'raw' });
  assert.match(info.data.lastModified, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.deepEqual((await service.from(PRIVATE).info('meta/form.txt')).data.metadata, { via: 'form' });
  assert.deepEqual((await service.from(PRIVATE).info('notes/hello.txt')).data.metadata, {}, 'none given: {} not null');
  assert.equal((await service.from(PRIVATE).info('notes/hello.txt')).data.cacheControl, 'max-age=300');
});

test('info() errors: missing object, missing bucket, a row the policies hide, a bad key', async () => {
  const missing = await service.from(PRIVATE).info('nope.txt');
  assert.equal(missing.error.statusCode, '404');
  assert.equal(missing.error.message, 'Object not found');
  const noBucket = await service.from('apiobj-no-such-bucket').info('x.txt');
  assert.equal(noBucket.error.statusCode, '404');
  assert.equal(noBucket.error.message, 'Bucket not found');
  const hidden = await bob.from(PRIVATE).info('notes/hello.txt');
  assert.equal(hidden.error.statusCode, '404', 'a row the policies hide is simply not found');
  await assertError(await http(`/object/info/${PRIVATE}/bad%01name`), 400, 'InvalidKey');
  await assertError(await http(`/object/info/${PRIVATE}/x.txt`, { key: null }), 400, 'InvalidJWT',
    "headers must have required property 'authorization'");
});

test('info() through its authenticated and public routes', async () => {
  const viaAuthenticated = await http(`/object/info/authenticated/${PRIVATE}/notes/hello.txt`);
  assert.equal(viaAuthenticated.status, 200);
  assert.equal((await viaAuthenticated.json()).size, TEXT.length);
  const publicInfo = await http(`/object/info/public/${PUBLIC}/site/index.html`, { key: null });
  assert.equal(publicInfo.status, 200);
  assert.equal((await publicInfo.json()).content_type, 'text/html');
  await assertError(await http(`/object/info/public/${PRIVATE}/notes/hello.txt`, { key: null }), 404, 'NoSuchBucket',
    'Bucket not found');
  await assertError(await http(`/object/info/public/${PUBLIC}/site/nope.html`, { key: null }), 404, 'NoSuchKey');
});

test('exists(): true, false for a missing or hidden object, and a thrown error for a missing bucket', async () => {
  assert.deepEqual((await service.from(PRIVATE).exists('notes/hello.txt')).data, true);
  assert.equal((await service.from(PRIVATE).exists('notes/nope.txt')).data, false);
  assert.equal((await bob.from(PRIVATE).exists('notes/hello.txt')).data, false);
  await assert.rejects(() => service.from('apiobj-no-such-bucket').exists('x.txt'), /Bucket not found/);
});

test('HEAD carries the download headers and no body', async () => {
  const head = await http(`/object/${PRIVATE}/notes/hello.txt`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(TEXT.length));
  assert.equal(head.headers.get('content-type'), 'text/plain;charset=UTF-8');
  assert.equal(head.headers.get('etag'), `"${md5(TEXT)}"`);
  assert.equal((await head.arrayBuffer()).byteLength, 0);
  assert.equal((await http(`/object/${PRIVATE}/notes/nope.txt`, { method: 'HEAD' })).status, 404);
});

test('downloads keep the type, caching and validators as stored', async () => {
  const response = await http(`/object/authenticated/${PRIVATE}/notes/hello.txt`);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), TEXT);
  assert.equal(response.headers.get('content-type'), 'text/plain;charset=UTF-8', 'exactly as uploaded');
  assert.equal(response.headers.get('cache-control'), 'max-age=300');
  assert.equal(response.headers.get('etag'), `"${md5(TEXT)}"`);
  assert.equal(response.headers.get('accept-ranges'), 'bytes');
  assert.ok(!Number.isNaN(Date.parse(response.headers.get('last-modified'))));

  const verbatim = await http(`/object/${PRIVATE}/cache/verbatim.txt`, { method: 'POST',
    headers: { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60, immutable' }, body: 'v' });
  assert.equal(verbatim.status, 200);
  assert.equal((await http(`/object/${PRIVATE}/cache/verbatim.txt`)).headers.get('cache-control'),
    'public, max-age=60, immutable');
  await service.from(PRIVATE).upload('cache/form.txt', new Blob(['f']), { cacheControl: '120' });
  assert.equal((await http(`/object/${PRIVATE}/cache/form.txt`)).headers.get('cache-control'), 'max-age=120');
});

test('If-None-Match and If-Modified-Since answer 304 with no body; stale validators get the bytes', async () => {
  const first = await http(`/object/${PRIVATE}/notes/hello.txt`);
  const etag = first.headers.get('etag');
  const lastModified = first.headers.get('last-modified');
  await first.arrayBuffer();

  const byTag = await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { 'if-none-match': etag } });
  assert.equal(byTag.status, 304);
  assert.equal((await byTag.arrayBuffer()).byteLength, 0);
  const byDate = await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { 'if-modified-since': lastModified } });
  assert.equal(byDate.status, 304);
  const stale = await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { 'if-none-match': '"stale"' } });
  assert.equal(stale.status, 200);
  assert.equal(await stale.text(), TEXT);
  const older = await http(`/object/${PRIVATE}/notes/hello.txt`,
    { headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 86400000).toUTCString() } });
  assert.equal(older.status, 200);
  await older.arrayBuffer();
});

test('Range: closed, open and suffix ranges are 206; unsatisfiable is 416; malformed is 400', async () => {
  const size = TEXT.length;
  const cases = [['bytes=0-4', 'hello', `bytes 0-4/${size}`], ['bytes=7-', TEXT.slice(7), `bytes 7-${size - 1}/${size}`],
    ['bytes=-9', TEXT.slice(-9), `bytes ${size - 9}-${size - 1}/${size}`]];
  for (const [range, body, contentRange] of cases) {
    const response = await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { range } });
    assert.equal(response.status, 206, range);
    assert.equal(response.headers.get('content-range'), contentRange);
    assert.equal(response.headers.get('content-length'), String(body.length));
    assert.equal(await response.text(), body);
  }
  const unsatisfiable = await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { range: `bytes=${size}-` } });
  assert.equal(unsatisfiable.status, 416);
  assert.equal(unsatisfiable.headers.get('content-range'), `bytes */${size}`);
  await unsatisfiable.arrayBuffer();
  await assertError(await http(`/object/${PRIVATE}/notes/hello.txt`, { headers: { range: 'bytes=abc' } }), 400,
    'InvalidRange', 'invalid range provided');
});

test('?download names the attachment, UTF-8 names survive', async () => {
  const plain = await http(`/object/${PRIVATE}/notes/hello.txt?download`);
  assert.equal(plain.headers.get('content-disposition'), 'attachment; filename="hello.txt"; filename*=UTF-8\'\'hello.txt');
  await plain.arrayBuffer();
  const named = await http(`/object/${PRIVATE}/notes/hello.txt?download=${encodeURIComponent('résumé 1.txt')}`);
  assert.equal(named.headers.get('content-disposition'),
    'attachment; filename="r_sum_ 1.txt"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9%201.txt');
  await named.arrayBuffer();
});

test('public URLs serve public buckets to anyone and refuse private ones', async () => {
  const { data } = anon.from(PUBLIC).getPublicUrl('site/index.html');
  const page = await fetch(data.publicUrl);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), '<h1>hi</h1>');
  const asDownload = await fetch(anon.from(PUBLIC).getPublicUrl('site/index.html', { download: 'page.html' }).data.publicUrl);
  assert.equal(asDownload.headers.get('content-disposition'), 'attachment; filename="page.html"; filename*=UTF-8\'\'page.html');
  await asDownload.arrayBuffer();
  const head = await fetch(data.publicUrl, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '11');

  await assertError(await fetch(anon.from(PRIVATE).getPublicUrl('notes/hello.txt').data.publicUrl), 404, 'NoSuchBucket',
    'Bucket not found');
  await assertError(await fetch(anon.from(PUBLIC).getPublicUrl('site/missing.html').data.publicUrl), 404, 'NoSuchKey',
    'Object not found');
  await assertError(await fetch(anon.from('apiobj-no-such-bucket').getPublicUrl('x').data.publicUrl), 404,
    'NoSuchBucket');
});

test('RLS on reads: a public bucket is readable to every key, a private one only as the policies allow', async () => {
  assert.equal(await (await anon.from(PUBLIC).download('site/index.html')).data.text(), '<h1>hi</h1>');
  assert.equal((await anon.from(PUBLIC).info('site/index.html')).error, null);
  assert.equal((await anon.from(PRIVATE).download('notes/hello.txt')).error.statusCode, '404');

  await put(PRIVATE, `${userA}/diary.txt`, 'dear diary');
  assert.equal((await alice.from(PRIVATE).info(`${userA}/diary.txt`)).data.size, 10);
  assert.equal((await bob.from(PRIVATE).info(`${userA}/diary.txt`)).error.statusCode, '404');
  assert.equal((await bob.from(PRIVATE).exists(`${userA}/diary.txt`)).data, false);
  assert.equal((await bob.from(PRIVATE).exists(`${userB}/diary.txt`)).data, false);
  assert.equal((await service.from(PRIVATE).info(`${userA}/diary.txt`)).error, null, 'service_role bypasses');
});
