// Signed download and upload URLs, driven by the unmodified @supabase/storage-js client (and fetch for the
// raw HTTP details). Environment as in storage-js.test.mjs; sql/002-signed-urls-dropbox.sql lets anon
// insert (only) into the bucket 'signed-urls-dropbox'; sql/001 gives users their own folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageClient } from '@supabase/storage-js';

const url = process.env.STORAGE_URL;
const client = (key) => new StorageClient(url, { apikey: key, Authorization: `Bearer ${key}` });
const service = client(process.env.SERVICE_KEY);
const anon = client(process.env.ANON_KEY);
const userA = client(process.env.USER_A_KEY);
const userB = client(process.env.USER_B_KEY);
const A = process.env.USER_A_ID;
const bucket = `signed-${Date.now()}`;
const dropbox = 'signed-urls-dropbox';
const NOT_SIGNABLE = 'Either the object does not exist or you do not have access to it';

const claims = (token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const tokenOf = (signedUrl) => new URL(signedUrl).searchParams.get('token');
const errorOf = async (response) => ({ status: response.status, ...(await response.json()) });
const put = (path, body) => service.from(bucket).upload(path, body, { contentType: 'text/plain;charset=UTF-8', upsert: true });

before(async () => {
  assert.equal((await service.createBucket(bucket)).error, null);
  assert.equal((await service.createBucket(dropbox)).error, null);
});

after(async () => {
  for (const id of [bucket, dropbox]) {
    await service.emptyBucket(id);
    await service.deleteBucket(id);
  }
});

test('a signed URL serves the object to anyone, with the headers, ranges, 304s and download names of a download', async () => {
  const path = 'shared/naïve café+(1).txt';
  assert.equal((await put(path, 'hello signed world')).error, null);

  const signed = await service.from(bucket).createSignedUrl(path, 60);
  assert.equal(signed.error, null, JSON.stringify(signed.error));
  assert.ok(signed.data.signedUrl.startsWith(`${url}/object/sign/${bucket}/shared/na%C3%AFve%20caf%C3%A9+(1).txt?token=`),
    signed.data.signedUrl);
  const token = tokenOf(signed.data.signedUrl);
  const payload = claims(token);
  assert.equal(payload.url, `${bucket}/${path}`);
  assert.equal(payload.scope, 'download');
  assert.equal(payload.exp - payload.iat, 60);

  const res = await fetch(signed.data.signedUrl);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'hello signed world');
  assert.equal(res.headers.get('content-type'), 'text/plain;charset=UTF-8');
  assert.equal(res.headers.get('cache-control'), 'max-age=3600');
  assert.equal(res.headers.get('content-disposition'), null);
  const etag = res.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]{32}"$/);
  assert.ok(res.headers.get('last-modified'));

  const range = await fetch(signed.data.signedUrl, { headers: { Range: 'bytes=6-11' } });
  assert.equal(range.status, 206);
  assert.equal(range.headers.get('content-range'), 'bytes 6-11/18');
  assert.equal(await range.text(), 'signed');

  const cached = await fetch(signed.data.signedUrl, { headers: { 'If-None-Match': etag } });
  assert.equal(cached.status, 304);
  assert.equal(await cached.text(), '');

  const head = await fetch(signed.data.signedUrl, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), '18');
  assert.equal(head.headers.get('etag'), etag);

  const asFile = await service.from(bucket).createSignedUrl(path, 60, { download: true });
  assert.ok(asFile.data.signedUrl.endsWith('&download='), asFile.data.signedUrl);
  const attachment = await fetch(asFile.data.signedUrl);
  assert.equal(attachment.headers.get('content-disposition'),
    'attachment; filename="na_ve caf_+(1).txt"; filename*=UTF-8\'\'na%C3%AFve%20caf%C3%A9%2B%281%29.txt');

  const renamed = await service.from(bucket).createSignedUrl(path, 60, { download: 'report 2024.txt' });
  const named = await fetch(renamed.data.signedUrl);
  assert.equal(named.status, 200);
  assert.equal(named.headers.get('content-disposition'),
    'attachment; filename="report 2024.txt"; filename*=UTF-8\'\'report%202024.txt');
});

test('a signed URL created with a transform points at the image renderer and carries the transformations', async () => {
  assert.equal((await put('img/pic.png', 'not really a png')).error, null);

  const resized = await service.from(bucket).createSignedUrl('img/pic.png', 60,
    { transform: { width: 100, height: 50, resize: 'contain', quality: 70, format: 'webp' } });
  assert.equal(resized.error, null, JSON.stringify(resized.error));
  assert.ok(resized.data.signedUrl.startsWith(`${url}/render/image/sign/${bucket}/img/pic.png?token=`));
  const payload = claims(tokenOf(resized.data.signedUrl));
  assert.equal(payload.transformations, 'width:100,height:50,resize:contain,quality:70,format:webp');

  const original = await service.from(bucket).createSignedUrl('img/pic.png', 60, { transform: { format: 'origin' } });
  assert.ok(original.data.signedUrl.startsWith(`${url}/object/sign/${bucket}/img/pic.png?token=`));
  assert.equal(claims(tokenOf(original.data.signedUrl)).transformations, undefined);

  const bad = await service.from(bucket).createSignedUrl('img/pic.png', 60, { transform: { quality: 5 } });
  assert.equal(bad.error.statusCode, '400');
  assert.match(bad.error.message, /^Invalid Parameter quality/);
});

test('createSignedUrls signs what exists and says which paths it cannot sign, in the order asked', async () => {
  assert.equal((await put('batch/one.txt', 'one')).error, null);
  assert.equal((await put('batch/two.txt', 'two')).error, null);

  const batch = await service.from(bucket).createSignedUrls(['batch/two.txt', 'batch/missing.txt', 'batch/one.txt', '../x'], 60);
  assert.equal(batch.error, null, JSON.stringify(batch.error));
  assert.deepEqual(batch.data.map((e) => e.path), ['batch/two.txt', 'batch/missing.txt', 'batch/one.txt', '../x']);
  assert.deepEqual(batch.data.map((e) => e.error), [null, NOT_SIGNABLE, null, NOT_SIGNABLE]);
  assert.equal(batch.data[1].signedURL, null);
  assert.equal(batch.data[1].signedUrl, null);
  assert.ok(batch.data[0].signedURL.startsWith(`/object/sign/${bucket}/batch/two.txt?token=`));
  assert.equal(await (await fetch(batch.data[0].signedUrl)).text(), 'two');
  assert.equal(await (await fetch(batch.data[2].signedUrl)).text(), 'one');

  const download = await service.from(bucket).createSignedUrls(['batch/one.txt'], 60, { download: 'x.txt' });
  assert.match((await fetch(download.data[0].signedUrl)).headers.get('content-disposition'), /filename="x.txt"/);

  const raw = await fetch(`${url}/object/sign/${bucket}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.SERVICE_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ expiresIn: 60 }),
  });
  assert.deepEqual(await errorOf(raw), { status: 400, statusCode: '400', error: 'MissingParameter',
    message: 'Missing Required Parameter paths', code: 'MissingParameter' });
  const empty = await service.from(bucket).createSignedUrls([], 60);
  assert.equal(empty.error.message, 'Invalid Parameter paths');
});

test('expiresIn must be a positive whole number of seconds', async () => {
  assert.equal((await put('expiry/a.txt', 'a')).error, null);
  for (const expiresIn of [0, -5, 1.5, 'soon', null]) {
    const { error } = await service.from(bucket).createSignedUrl('expiry/a.txt', expiresIn);
    assert.equal(error.statusCode, '400', `expiresIn ${expiresIn}`);
    assert.equal(error.message, expiresIn === null ? 'Missing Required Parameter expiresIn' : 'Invalid Parameter expiresIn');
  }
  const { error } = await service.from(bucket).createSignedUrls(['expiry/a.txt'], 0);
  assert.equal(error.message, 'Invalid Parameter expiresIn');
});

test('a tampered token, a token for another object, a malformed or missing token are refused', async () => {
  assert.equal((await put('guarded/a.txt', 'a')).error, null);
  assert.equal((await put('guarded/b.txt', 'b')).error, null);
  const { data } = await service.from(bucket).createSignedUrl('guarded/a.txt', 60);
  const token = tokenOf(data.signedUrl);
  const signature = token.split('.')[2];
  const tampered = token.slice(0, -signature.length) + (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
  const forged = [token.split('.')[0], Buffer.from(JSON.stringify({ ...claims(token), url: `${bucket}/guarded/b.txt` }))
    .toString('base64url'), signature].join('.');
  const invalid = { status: 400, statusCode: '400', error: 'InvalidSignature', message: 'Invalid signature', code: 'InvalidSignature' };

  for (const bad of [tampered, forged, 'not-a-jwt', 'a.b.c']) {
    assert.deepEqual(await errorOf(await fetch(`${url}/object/sign/${bucket}/guarded/a.txt?token=${bad}`)), invalid, bad);
  }
  assert.deepEqual(await errorOf(await fetch(`${url}/object/sign/${bucket}/guarded/b.txt?token=${token}`)), invalid);
  assert.deepEqual(await errorOf(await fetch(`${url}/object/sign/other-bucket/guarded/a.txt?token=${token}`)), invalid);
  const head = await fetch(`${url}/object/sign/${bucket}/guarded/b.txt?token=${token}`, { method: 'HEAD' });
  assert.equal(head.status, 400);

  const missing = await errorOf(await fetch(`${url}/object/sign/${bucket}/guarded/a.txt`));
  assert.equal(missing.status, 400);
  assert.equal(missing.message, 'Missing Required Parameter token');

  const { data: upload } = await service.from(bucket).createSignedUploadUrl('guarded/c.txt');
  const asDownload = await errorOf(await fetch(`${url}/object/sign/${bucket}/guarded/c.txt?token=${upload.token}`));
  assert.equal(asDownload.code, 'InvalidSignature');
  assert.equal(asDownload.message, 'Token is not scoped for download');
  const bearer = await errorOf(await fetch(`${url}/object/sign/${bucket}/guarded/a.txt?token=${process.env.SERVICE_KEY}`));
  assert.equal(bearer.code, 'InvalidSignature', 'an API key is no signed URL');
});

test('a signed URL stops working once it expires', async () => {
  assert.equal((await put('brief/a.txt', 'brief')).error, null);
  const { data } = await service.from(bucket).createSignedUrl('brief/a.txt', 1);
  await sleep(2000);

  assert.deepEqual(await errorOf(await fetch(data.signedUrl)), { status: 400, statusCode: '400', error: 'ExpiredToken',
    message: 'The provided token has expired.', code: 'ExpiredToken' });
});

test('only a caller who can read an object can sign it; the URL then works for anyone', async () => {
  const own = `${A}/signed-private.txt`;
  assert.equal((await userA.from(bucket).upload(own, 'secret of A', { contentType: 'text/plain' })).error, null);

  const mine = await userA.from(bucket).createSignedUrl(own, 60);
  assert.equal(mine.error, null, JSON.stringify(mine.error));
  assert.equal(await (await fetch(mine.data.signedUrl)).text(), 'secret of A');

  for (const stranger of [userB, anon]) {
    const theirs = await stranger.from(bucket).createSignedUrl(own, 60);
    assert.equal(theirs.error.statusCode, '404');
    assert.equal(theirs.error.message, 'Object not found');
    const batch = await stranger.from(bucket).createSignedUrls([own], 60);
    assert.deepEqual(batch.data.map((e) => [e.error, e.signedURL]), [[NOT_SIGNABLE, null]]);
  }

  const noKey = await fetch(`${url}/object/sign/${bucket}/${own}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"expiresIn":60}',
  });
  assert.equal((await errorOf(noKey)).code, 'InvalidJWT');
});

test('a signed upload URL lets anyone upload once to exactly that path, as the owner who signed it', async () => {
  const path = `${A}/dropped file ü.txt`;
  const signed = await userA.from(bucket).createSignedUploadUrl(path);
  assert.equal(signed.error, null, JSON.stringify(signed.error));
  assert.equal(signed.data.path, path);
  assert.equal(signed.data.signedUrl,
    `${url}/object/upload/sign/${bucket}/${A}/dropped%20file%20%C3%BC.txt?token=${signed.data.token}`);
  const payload = claims(signed.data.token);
  assert.deepEqual([payload.url, payload.owner, payload.upsert, payload.scope], [`${bucket}/${path}`, A, false, 'upload']);
  assert.equal(payload.exp - payload.iat, 7200);

  const up = await anon.from(bucket).uploadToSignedUrl(path, signed.data.token, 'dropped by anyone',
    { contentType: 'text/plain' });
  assert.equal(up.error, null, JSON.stringify(up.error));
  assert.deepEqual(up.data, { path, fullPath: `${bucket}/${path}` });
  assert.equal(await (await service.from(bucket).download(path)).data.text(), 'dropped by anyone');
  assert.equal(await (await userA.from(bucket).download(path)).data.text(), 'dropped by anyone', 'A owns and reads it');

  const again = await anon.from(bucket).uploadToSignedUrl(path, signed.data.token, 'second time');
  assert.equal(again.error.statusCode, '409');
  assert.equal(await (await service.from(bucket).download(path)).data.text(), 'dropped by anyone');

  const taken = await userA.from(bucket).createSignedUploadUrl(path);
  assert.equal(taken.error.statusCode, '409', 'a taken name needs upsert');

  const removed = await service.from(bucket).remove([path]);
  assert.equal(removed.data[0].owner, A);
});

test('a signed upload URL signed with upsert overwrites, with a raw or a form body', async () => {
  const path = 'upserted/note.txt';
  assert.equal((await put(path, 'original')).error, null);
  const { data, error } = await service.from(bucket).createSignedUploadUrl(path, { upsert: true });
  assert.equal(error, null, JSON.stringify(error));
  assert.equal(claims(data.token).upsert, true);

  const first = await anon.from(bucket).uploadToSignedUrl(path, data.token, new Blob(['from a form'], { type: 'text/markdown' }));
  assert.equal(first.error, null, JSON.stringify(first.error));
  const got = await fetch((await service.from(bucket).createSignedUrl(path, 60)).data.signedUrl);
  assert.equal(got.headers.get('content-type'), 'text/markdown');
  assert.equal(await got.text(), 'from a form');

  const second = await anon.from(bucket).uploadToSignedUrl(path, data.token, 'raw again', { contentType: 'text/plain', upsert: false });
  assert.equal(second.error, null, 'the upsert chosen at signing wins over the uploader\'s header');
  assert.equal(await (await service.from(bucket).download(path)).data.text(), 'raw again');
});

test('a signed upload token works for its own path only and must be intact, unexpired and an upload token', async () => {
  const { data } = await service.from(bucket).createSignedUploadUrl('only/here.txt');
  const invalid = { statusCode: '400', error: 'InvalidUploadSignature', message: 'Invalid upload Signature', code: 'InvalidUploadSignature' };

  const elsewhere = await anon.from(bucket).uploadToSignedUrl('only/there.txt', data.token, 'x');
  assert.equal(elsewhere.error.statusCode, '400');
  assert.equal(elsewhere.error.message, 'Invalid upload Signature');

  const tampered = data.token.slice(0, -2) + (data.token.endsWith('AA') ? 'BB' : 'AA');
  const res = await fetch(`${url}/object/upload/sign/${bucket}/only/here.txt?token=${tampered}`, { method: 'PUT', body: 'x' });
  assert.deepEqual(await res.json(), invalid);
  assert.equal(res.status, 400);

  const { data: download } = await service.from(bucket).createSignedUrl('upserted/note.txt', 60);
  const downloadToken = tokenOf(download.signedUrl);
  const replay = await fetch(`${url}/object/upload/sign/${bucket}/upserted/note.txt?token=${downloadToken}`, { method: 'PUT', body: 'x' });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).message, 'Token is not scoped for upload');

  const missing = await fetch(`${url}/object/upload/sign/${bucket}/only/here.txt`, { method: 'PUT', body: 'x' });
  assert.equal((await missing.json()).message, 'Missing Required Parameter token');
  assert.equal((await service.from(bucket).list('only')).data.length, 0, 'nothing was stored');
});

test('bucket limits still apply to a signed upload', async () => {
  const small = `${bucket}-small`;
  assert.equal((await service.createBucket(small, { fileSizeLimit: 10, allowedMimeTypes: ['text/*'] })).error, null);
  try {
    const { data } = await service.from(small).createSignedUploadUrl('big.txt');
    const big = await anon.from(small).uploadToSignedUrl('big.txt', data.token, 'x'.repeat(11), { contentType: 'text/plain' });
    assert.equal(big.error.statusCode, '413');
    const image = await anon.from(small).uploadToSignedUrl('big.txt', data.token, 'png', { contentType: 'image/png' });
    assert.equal(image.error.statusCode, '415');
    const fits = await anon.from(small).uploadToSignedUrl('big.txt', data.token, 'tiny', { contentType: 'text/plain' });
    assert.equal(fits.error, null, JSON.stringify(fits.error));
  } finally {
    await service.emptyBucket(small);
  }
});

test('creating a signed upload URL needs the right to insert, decided by the bucket\'s policies', async () => {
  const intrude = await userB.from(bucket).createSignedUploadUrl(`${A}/planted.txt`);
  assert.equal(intrude.error.statusCode, '403');
  assert.equal(intrude.error.message, 'new row violates row-level security policy');

  const refused = await anon.from(bucket).createSignedUploadUrl('anon.txt');
  assert.equal(refused.error.statusCode, '403', 'no policy lets anon insert into this bucket');

  const allowed = await anon.from(dropbox).createSignedUploadUrl('inbox/from-anon.txt');
  assert.equal(allowed.error, null, JSON.stringify(allowed.error));
  assert.equal(claims(allowed.data.token).owner, undefined, 'anon binds no owner');
  assert.deepEqual((await service.from(dropbox).list('inbox')).data, [], 'signing stored nothing');
  const up = await anon.from(dropbox).uploadToSignedUrl('inbox/from-anon.txt', allowed.data.token, 'hi');
  assert.equal(up.error, null, JSON.stringify(up.error));
  assert.equal(await (await service.from(dropbox).download('inbox/from-anon.txt')).data.text(), 'hi');

  const noBucket = await service.from(`${bucket}-missing`).createSignedUploadUrl('a.txt');
  assert.equal(noBucket.error.statusCode, '404');
  assert.equal(noBucket.error.message, 'Bucket not found');
});
