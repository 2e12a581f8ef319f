// What a web app on another origin does with storage, through the browser builds of supabase-js: run by
// chromium-run.mjs in a page served from a loopback origin other than the server's. Bucket names are this
// file's own; users write under their own folder (sql/001-users-own-their-folder.sql).
window.storageCases = (() => {
  const { check, equal, ok, expectFailure, bytesOf, sameBytes, run, loadImage, pixel } = window.pageKit;
  const { createClient } = window.supabase;
  const PRIVATE = 'browser-private';
  const PUBLIC = 'browser-public';

  /** The storage API of a supabase-js client, as an app builds it: the project key, maybe a user's token. */
  function storageOf(config, key, userToken) {
    return createClient(config.supabaseUrl, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      ...(userToken && { accessToken: async () => userToken }),
    }).storage;
  }

  /** A 64×48 PNG, red on the left half and blue on the right, drawn by the page itself. */
  async function twoColourPng() {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    context.fillStyle = '#ff0000';
    context.fillRect(0, 0, 32, 48);
    context.fillStyle = '#0000ff';
    context.fillRect(32, 0, 32, 48);
    return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  }

  const CHUNK = 6 * 1024 * 1024;

  /** A File of 12 MiB of random bytes (getRandomValues fills at most 64 KiB a call). */
  function randomFile(name) {
    const bytes = new Uint8Array(2 * CHUNK);
    for (let at = 0; at < bytes.length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
    return new File([bytes], name, { type: 'application/octet-stream' });
  }

  /** One tus-js-client upload to completion; `extra` adds callbacks. */
  const tusUpload = (file, options, extra = {}) => new Promise((resolve, reject) =>
    new tus.Upload(file, { ...options, ...extra, onSuccess: resolve, onError: reject }).start());

  const isRed = ([r, g, b]) => r > 200 && g < 60 && b < 60;
  const isBlue = ([r, g, b]) => b > 200 && r < 60 && g < 60;

  /** Every case of a web app on an allowed origin, against a server with the default CORS settings. */
  async function main(config) {
    const service = storageOf(config, config.serviceKey);
    const user = storageOf(config, config.anonKey, config.userKey);
    const anon = storageOf(config, config.anonKey);
    const api = `${config.supabaseUrl}/storage/v1`;
    const hello = `${config.userId}/hello.txt`;
    const data = `${config.userId}/data.bin`;
    const bytes = crypto.getRandomValues(new Uint8Array(60_000));
    const image = 'pictures/two-colours.png';
    /** tus-js-client options as Supabase documents them, as the user, into their own folder. */
    const resumable = (objectName) => ({
      endpoint: `${api}/upload/resumable`,
      retryDelays: [],
      headers: { authorization: `Bearer ${config.userKey}`, apikey: config.anonKey },
      uploadDataDuringCreation: true,
      removeFingerprintOnSuccess: true,
      chunkSize: CHUNK,
      metadata: { bucketName: PRIVATE, objectName, contentType: 'application/octet-stream', cacheControl: '3600' },
    });
    /** The object holds exactly the file's bytes; then it is removed again. */
    const expectStored = async (name, file) => {
      const stored = await bytesOf(ok(await user.from(PRIVATE).download(name), 'download'));
      check(sameBytes(stored, await bytesOf(file)), 'the stored object holds the uploaded bytes');
      ok(await user.from(PRIVATE).remove([name]), 'remove');
    };

    return run([
      ['creates a private and a public bucket', async () => {
        ok(await service.createBucket(PRIVATE, { public: false }), 'create private');
        ok(await service.createBucket(PUBLIC, { public: true, allowedMimeTypes: ['image/*'] }), 'create public');
        equal(ok(await service.getBucket(PUBLIC), 'get public').public, true, 'public flag');
      }],
      ['uploads a File as a multipart form', async () => {
        const file = new File(['hello from a browser'], 'hello.txt', { type: 'text/plain' });
        equal(ok(await user.from(PRIVATE).upload(hello, file), 'upload').path, hello, 'path');
        const info = ok(await user.from(PRIVATE).info(hello), 'info');
        equal(info.size, file.size, 'size');
        equal(info.contentType, 'text/plain', 'content type');
      }],
      ['uploads an ArrayBuffer with metadata and cache-control', async () => {
        ok(await user.from(PRIVATE).upload(data, bytes.buffer, {
          contentType: 'application/octet-stream', cacheControl: '120', metadata: { source: 'browser', run: 1 },
        }), 'upload');
        const info = ok(await user.from(PRIVATE).info(data), 'info');
        equal(info.size, bytes.length, 'size');
        equal(info.cacheControl, 'max-age=120', 'cache control');
        equal(info.metadata.source, 'browser', 'metadata.source');
        equal(info.metadata.run, 1, 'metadata.run');
      }],
      ['downloads the bytes it uploaded', async () => {
        check(sameBytes(await bytesOf(ok(await user.from(PRIVATE).download(data), 'download')), bytes),
          'downloaded bytes differ from the uploaded ones');
      }],
      ['updates an object and reads the new bytes back', async () => {
        ok(await user.from(PRIVATE).update(hello, new Blob(['updated in a browser'], { type: 'text/plain' })),
          'update');
        equal(await ok(await user.from(PRIVATE).download(hello), 'download').text(), 'updated in a browser',
          'content after the update');
      }],
      ['lists a folder', async () => {
        const names = ok(await user.from(PRIVATE).list(config.userId), 'list').map((entry) => entry.name);
        equal(JSON.stringify(names), JSON.stringify(['data.bin', 'hello.txt']), 'names');
      }],
      ['creates a signed URL and fetches it without a key', async () => {
        const { signedUrl } = ok(await user.from(PRIVATE).createSignedUrl(hello, 60), 'sign');
        const response = await fetch(signedUrl);
        equal(response.status, 200, 'status');
        equal(await response.text(), 'updated in a browser', 'body');
      }],
      ['reads Content-Range from a ranged fetch', async () => {
        const response = await fetch(`${api}/object/authenticated/${PRIVATE}/${data}`, {
          headers: { apikey: config.anonKey, authorization: `Bearer ${config.userKey}`, range: 'bytes=10-19' },
        });
        equal(response.status, 206, 'status');
        equal(response.headers.get('content-range'), `bytes 10-19/${bytes.length}`, 'Content-Range');
        check(response.headers.get('etag'), 'ETag is readable');
        check(sameBytes(new Uint8Array(await response.arrayBuffer()), bytes.subarray(10, 20)), 'range bytes');
      }],
      ['shows a public image in an <img>', async () => {
        ok(await service.from(PUBLIC).upload(image, await twoColourPng(), { contentType: 'image/png' }), 'upload');
        const img = await loadImage(service.from(PUBLIC).getPublicUrl(image).data.publicUrl);
        equal(`${img.naturalWidth}x${img.naturalHeight}`, '64x48', 'size');
        check(isRed(pixel(img, 8, 24)) && isBlue(pixel(img, 56, 24)), 'the picture is red | blue');
      }],
      ['shows a transformed public image', async () => {
        const { publicUrl } = service.from(PUBLIC)
          .getPublicUrl(image, { transform: { width: 32, height: 24, resize: 'fill' } }).data;
        check(publicUrl.includes('/render/image/public/'), `a render URL: ${publicUrl}`);
        const img = await loadImage(publicUrl);
        equal(`${img.naturalWidth}x${img.naturalHeight}`, '32x24', 'size');
        check(isRed(pixel(img, 4, 12)) && isBlue(pixel(img, 28, 12)), 'the picture is still red | blue');
      }],
      ['uploads through a signed upload URL with the anon key', async () => {
        const path = `${config.userId}/dropped.txt`;
        const { token } = ok(await user.from(PRIVATE).createSignedUploadUrl(path), 'sign upload');
        ok(await anon.from(PRIVATE).uploadToSignedUrl(path, token, new Blob(['dropped by anon'])), 'upload');
        equal(await ok(await user.from(PRIVATE).download(path), 'download').text(), 'dropped by anon', 'content');
      }],
      ['is refused, readably, when anon writes to a private bucket', async () => {
        const path = `${config.userId}/intruder.txt`;
        expectFailure(`${api}/object/${PRIVATE}/${path}`);
        const { data: uploaded, error } = await anon.from(PRIVATE).upload(path, new Blob(['no']));
        equal(uploaded, null, 'data');
        equal(error && error.name, 'StorageApiError', 'a readable API error, not a blocked request');
        equal(error.status, 403, 'status');
        check(/row-level security/.test(error.message), `message: ${error.message}`);
      }],
      ['removes objects', async () => {
        const paths = [hello, data, `${config.userId}/dropped.txt`];
        const removed = ok(await user.from(PRIVATE).remove(paths), 'remove').map((row) => row.name).sort();
        equal(JSON.stringify(removed), JSON.stringify([...paths].sort()), 'removed');
        equal(ok(await user.from(PRIVATE).list(config.userId), 'list').length, 0, 'left in the folder');
      }],
      ['uploads 12 MiB with tus-js-client in 6 MiB chunks, reporting progress', async () => {
        const file = randomFile('tus-whole.bin');
        const name = `${config.userId}/tus-whole.bin`;
        const progress = [];
        await tusUpload(file, resumable(name), { onProgress: (sent) => progress.push(sent) });
        check(progress.length >= 2 && progress.at(-1) === file.size, `progress events: ${progress}`);
        await expectStored(name, file);
      }],
      ['resumes an interrupted tus upload with findPreviousUploads', async () => {
        const file = randomFile('tus-resumed.bin');
        const name = `${config.userId}/tus-resumed.bin`;
        await new Promise((resolve, reject) => {
          const upload = new tus.Upload(file, {
            ...resumable(name),
            onChunkComplete: () => upload.abort().then(resolve, reject),
            onSuccess: () => reject(new Error('finished before it could be interrupted')),
            onError: reject,
          });
          upload.start();
        });
        const progress = [];
        await new Promise((resolve, reject) => {
          const upload = new tus.Upload(file, {
            ...resumable(name), onProgress: (sent) => progress.push(sent), onSuccess: resolve, onError: reject,
          });
          upload.findPreviousUploads().then((previous) => {
            check(previous.length === 1, `one interrupted upload remembered, got ${previous.length}`);
            upload.resumeFromPreviousUpload(previous[0]);
            upload.start();
          }).catch(reject);
        });
        check(progress[0] >= CHUNK, `resumed from the stored offset, first progress at ${progress[0]}`);
        await expectStored(name, file);
      }],
    ]);
  }

  /** A page on a listed origin reads the answers of a server restricted to it. */
  async function listedOrigin(config) {
    return run([
      ['a listed origin is served by a server with an origin list', async () => {
        const service = storageOf({ ...config, supabaseUrl: config.restrictedUrl }, config.serviceKey);
        check(Array.isArray(ok(await service.listBuckets(), 'list buckets')), 'a list of buckets');
      }],
    ]);
  }

  /** A page on an unlisted origin: the browser withholds the answers, so the client sees no response at all. */
  async function unlistedOrigin(config) {
    return run([
      ['an unlisted origin is blocked by the browser', async () => {
        const service = storageOf({ ...config, supabaseUrl: config.restrictedUrl }, config.serviceKey);
        expectFailure(`${config.restrictedUrl}/storage/v1/bucket`);
        const { data, error } = await service.listBuckets();
        equal(data, null, 'data');
        check(error && error.name !== 'StorageApiError', `no readable answer, got ${error && error.name}`);
      }],
    ]);
  }

  return { main, listedOrigin, unlistedOrigin };
})();
