// Resumable uploads (tus 1.0.0) driven by the unmodified tus-js-client, configured as Supabase's documentation
// shows (6 MiB chunks, the first one sent with the creation, the key in the headers, the bucket and name in the
// metadata). Environment as in storage-js.test.mjs; sql/001 gives users their own folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as tus from 'tus-js-client';
import { StorageClient } from '@supabase/storage-js';

const url = process.env.STORAGE_URL;
const endpoint = `${url}/upload/resumable`;
const MIB = 1024 * 1024;
const client = (key) => new StorageClient(url, { apikey: key, Authorization: `Bearer ${key}` });
const service = client(process.env.SERVICE_KEY);
const userA = client(process.env.USER_A_KEY);
const A = process.env.USER_A_ID;
const B = process.env.USER_B_ID;
const bucket = `tus-${Date.now()}`;

/** The options Supabase documents for tus-js-client, for one object, with the given key; `extra` adds to them. */
const options = (key, objectName, { headers = {}, ...extra } = {}) => ({
  endpoint,
  retryDelays: [0, 200, 500],
  headers: { authorization: `Bearer ${key}`, ...headers },
  uploadDataDuringCreation: true,
  removeFingerprintOnSuccess: true,
  metadata: { bucketName: bucket, objectName, contentType: 'application/octet-stream', cacheControl: 3600 },
  chunkSize: 6 * MIB,
  ...extra,
});

/** Runs an upload to its end: resolves with the upload on success, rejects with tus-js-client's error. */
const run = (data, opts) => new Promise((resolve, reject) => {
  const upload = new tus.Upload(data, { ...opts, onSuccess: () => resolve(upload), onError: reject });
  upload.start();
});

/** Starts an upload and aborts it once `chunks` chunks were stored; resolves with its URL. */
const runFor = (data, opts, chunks) => new Promise((resolve, reject) => {
  let stored = 0;
  const upload = new tus.Upload(data, {
    ...opts,
    onChunkComplete: () => {
      stored += 1;
      if (stored === chunks) {
        upload.abort().then(() => resolve(upload.url), reject);
      }
    },
    onSuccess: () => reject(new Error('the upload was meant to be interrupted')),
    onError: reject,
  });
  upload.start();
});

const download = async (storage, path) => {
  const { data, error } = await storage.from(bucket).download(path);
  assert.equal(error, null, JSON.stringify(error));
  return Buffer.from(await data.arrayBuffer());
};

const head = (uploadUrl, key) => fetch(uploadUrl, {
  method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', authorization: `Bearer ${key}` },
});

before(async () => {
  assert.equal((await service.createBucket(bucket)).error, null);
});

after(async () => {
  await service.emptyBucket(bucket);
  await service.deleteBucket(bucket);
});

test('a 13 MiB file sent in 6 MiB chunks as Supabase documents arrives byte for byte, owned by its uploader', async () => {
  const data = randomBytes(13 * MIB + 7);
  const path = `${A}/videos/clip.bin`;

  await run(data, options(process.env.USER_A_KEY, path));

  assert.ok(data.equals(await download(userA, path)), 'the same bytes came back');
  const info = await userA.from(bucket).info(path);
  assert.equal(info.error, null, JSON.stringify(info.error));
  assert.equal(info.data.size, data.length);
  assert.equal(info.data.contentType, 'application/octet-stream');
  assert.equal(info.data.cacheControl, 'max-age=3600');
});

test('an interrupted upload resumes from the offset HEAD reports and completes whole', async () => {
  const data = randomBytes(14 * MIB);
  const path = `${A}/resumed.bin`;
  const uploadUrl = await runFor(data, options(process.env.USER_A_KEY, path), 1);

  const status = await head(uploadUrl, process.env.USER_A_KEY);
  assert.equal(status.status, 200);
  assert.equal(status.headers.get('upload-offset'), String(6 * MIB));
  assert.equal(status.headers.get('upload-length'), String(data.length));

  const requests = [];
  await run(data, options(process.env.USER_A_KEY, path, {
    uploadUrl,
    onBeforeRequest: (req) => requests.push(`${req.getMethod()} ${req.getHeader('Upload-Offset') ?? ''}`.trim()),
  }));

  assert.deepEqual(requests, ['HEAD', `PATCH ${6 * MIB}`, `PATCH ${12 * MIB}`]);
  assert.ok(data.equals(await download(userA, path)));
});

test('an upload the policies refuse is refused at creation with 403 and the reason', async () => {
  const failure = await run(randomBytes(1000), options(process.env.USER_A_KEY, `${B}/not-mine.bin`))
    .then(() => null, (error) => error);

  assert.ok(failure, 'the upload failed');
  assert.equal(failure.originalResponse.getStatus(), 403);
  assert.match(failure.originalResponse.getBody(), /row-level security/);
});

test('termination removes the upload: it is gone and nothing was published', async () => {
  const path = `${A}/terminated.bin`;
  const uploadUrl = await runFor(randomBytes(8 * MIB), options(process.env.USER_A_KEY, path), 1);

  await tus.Upload.terminate(uploadUrl, { headers: { authorization: `Bearer ${process.env.USER_A_KEY}` } });

  assert.equal((await head(uploadUrl, process.env.USER_A_KEY)).status, 404);
  const listed = await userA.from(bucket).list(A, { search: 'terminated' });
  assert.deepEqual(listed.data, []);
});

test('an empty file becomes an empty object with its creation alone', async () => {
  const path = `${A}/empty.txt`;

  await run(Buffer.alloc(0), options(process.env.USER_A_KEY, path));

  assert.equal((await download(userA, path)).length, 0);
});

test('x-upsert: true overwrites an object; without it an existing name is a conflict', async () => {
  const path = `${A}/twice.bin`;
  await run(Buffer.from('first'), options(process.env.USER_A_KEY, path));

  const conflict = await run(Buffer.from('second'), options(process.env.USER_A_KEY, path))
    .then(() => null, (error) => error);
  assert.equal(conflict?.originalResponse.getStatus(), 409);

  await run(Buffer.from('second'), options(process.env.USER_A_KEY, path, { headers: { 'x-upsert': 'true' } }));
  assert.equal((await download(userA, path)).toString(), 'second');
});
