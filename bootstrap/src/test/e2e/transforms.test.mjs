// Image transformations through the unmodified @supabase/storage-js client: download(path, { transform })
// asks /render/image/authenticated. Images are made here (PNG written by hand with zlib) and the results
// are measured by reading their headers, so no image package is needed.
// Environment: STORAGE_URL, SERVICE_KEY, USER_A_ID/USER_A_KEY, USER_B_KEY (see storage-js.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { StorageClient } from '@supabase/storage-js';

const client = (key) => new StorageClient(process.env.STORAGE_URL, { apikey: key, Authorization: `Bearer ${key}` });
const service = client(process.env.SERVICE_KEY);
const bucket = `transforms-${Date.now()}`;
const publicBucket = `${bucket}-public`;

// ---- images -------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** An RGB PNG whose pixel (x, y) is colour(x, y) = [r, g, b]. */
function png(width, height, colour) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set(colour(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The format and pixel size written in an image's header (PNG, JPEG or WebP). */
function measure(bytes) {
  if (bytes.readUInt32BE(0) === 0x89504e47) {
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let i = 2; i < bytes.length;) {
      const marker = bytes[i + 1];
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: 'jpeg', width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      }
      i += 2 + bytes.readUInt16BE(i + 2);
    }
  }
  if (bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') {
    const kind = bytes.toString('ascii', 12, 16);
    if (kind === 'VP8 ') {
      return { format: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    }
    if (kind === 'VP8L') {
      const bits = bytes.readUInt32LE(21);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    return { format: 'webp', width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
  }
  throw new Error(`not a PNG, JPEG or WebP: ${bytes.subarray(0, 16).toString('hex')}`);
}

const BANDS = [[255, 0, 0], [0, 255, 0], [0, 0, 255]];
const wide = png(400, 200, (x) => BANDS[Math.floor((x * 3) / 400)]);
let seed = 1;
const noisy = png(160, 160, () => [0, 1, 2].map(() => (seed = (seed * 1103515245 + 12345) % 2147483648) & 0xff));

// ---- ways to fetch a transformed image: each takes (path, transform) and gives { type, bytes } --

/** supabase.storage.from(bucket).download(path, { transform }): the authenticated render route. */
const viaDownload = (storage) => async (path, transform) => {
  const { data, error } = await storage.from(bucket).download(path, { transform });
  assert.equal(error, null, JSON.stringify(error));
  return { type: data.type, bytes: Buffer.from(await data.arrayBuffer()) };
};

/** Any URL the client built (a public or signed render URL), fetched as a browser would, with no key. */
const viaUrl = async (href) => {
  const response = await fetch(href);
  assert.equal(response.status, 200, await response.clone().text());
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
};

/** What every way of fetching must give for 'wide.png' (400x200: red | green | blue). */
const CASES = [
  { transform: { width: 100, height: 100 }, expect: { format: 'png', width: 100, height: 100 } },
  { transform: { width: 100, height: 100, resize: 'cover' }, expect: { format: 'png', width: 100, height: 100 } },
  { transform: { width: 100, height: 100, resize: 'contain' }, expect: { format: 'png', width: 100, height: 50 } },
  { transform: { width: 100, height: 100, resize: 'fill' }, expect: { format: 'png', width: 100, height: 100 } },
  { transform: { width: 120 }, expect: { format: 'png', width: 120, height: 60 } },
  { transform: { height: 50, format: 'origin' }, expect: { format: 'png', width: 100, height: 50 } },
  { transform: { width: 80, height: 60, resize: 'cover', quality: 50, format: 'jpeg' },
    expect: { format: 'jpeg', width: 80, height: 60 } },
  { transform: { width: 64, format: 'webp' }, expect: { format: 'webp', width: 64, height: 32 } },
];

async function checkEveryCase(fetchImage, path) {
  for (const { transform, expect } of CASES) {
    const { type, bytes } = await fetchImage(path, transform);
    assert.deepEqual(measure(bytes), expect, `transform ${JSON.stringify(transform)}`);
    assert.equal(type, `image/${expect.format}`, `content type for ${JSON.stringify(transform)}`);
  }
}

// ---- tests -----------------------------------------------------------------------------------------

before(async () => {
  assert.equal((await service.createBucket(bucket)).error, null);
  assert.equal((await service.createBucket(publicBucket, { public: true })).error, null);
  assert.equal((await service.from(publicBucket).upload('wide.png', wide, { contentType: 'image/png' })).error, null);
  for (const [path, body, contentType] of [['wide.png', wide, 'image/png'], ['noisy.png', noisy, 'image/png'],
    ['notes.txt', 'no pixels here', 'text/plain']]) {
    const uploaded = await service.from(bucket).upload(path, body, { contentType });
    assert.equal(uploaded.error, null, JSON.stringify(uploaded.error));
  }
});

after(async () => {
  for (const name of [bucket, publicBucket]) {
    await service.emptyBucket(name);
    await service.deleteBucket(name);
  }
});

test('getPublicUrl(path, { transform }) of a public bucket serves the transformed image to anyone', async () => {
  await checkEveryCase((path, transform) =>
    viaUrl(service.from(publicBucket).getPublicUrl(path, { transform }).data.publicUrl), 'wide.png');
  const privateUrl = service.from(bucket).getPublicUrl('wide.png', { transform: { width: 10 } }).data.publicUrl;
  const refused = await fetch(privateUrl);
  assert.equal(refused.status, 404, 'a private bucket has no public render');
  assert.equal((await refused.json()).message, 'Bucket not found');
});

test('createSignedUrl(path, expiresIn, { transform }) carries the transformation in its token', async () => {
  await checkEveryCase(async (path, transform) => {
    const { data, error } = await service.from(bucket).createSignedUrl(path, 60, { transform });
    assert.equal(error, null, JSON.stringify(error));
    assert.match(data.signedUrl, /\/render\/image\/sign\//);
    return viaUrl(data.signedUrl);
  }, 'wide.png');
  const { data } = await service.from(bucket).createSignedUrl('wide.png', 60, { transform: { width: 40, height: 40 } });
  const url = new URL(data.signedUrl);
  // Change a character well inside the signature: the last one also carries padding bits a decoder may ignore.
  const token = url.searchParams.get('token');
  const at = token.length - 10;
  url.searchParams.set('token', token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1));
  const tampered = await fetch(url);
  assert.equal(tampered.status, 400);
  assert.equal((await tampered.json()).code, 'InvalidSignature');
});

test('download(path, { transform }) returns the image resized and converted as asked', async () => {
  await checkEveryCase(viaDownload(service), 'wide.png');
});

test('a lower quality gives a smaller JPEG', async () => {
  const fetchImage = viaDownload(service);
  const low = await fetchImage('noisy.png', { format: 'jpeg', quality: 20 });
  const high = await fetchImage('noisy.png', { format: 'jpeg', quality: 95 });
  assert.equal(measure(low.bytes).format, 'jpeg');
  assert.ok(low.bytes.length < high.bytes.length * 0.6, `${low.bytes.length} vs ${high.bytes.length} bytes`);
});

test('transformed downloads obey the same policies as plain ones', async () => {
  const path = `${process.env.USER_A_ID}/avatar.png`;
  const userA = client(process.env.USER_A_KEY);
  assert.equal((await userA.from(bucket).upload(path, wide, { contentType: 'image/png' })).error, null);

  const own = await viaDownload(userA)(path, { width: 40, height: 40 });
  assert.deepEqual(measure(own.bytes), { format: 'png', width: 40, height: 40 });
  const stolen = await client(process.env.USER_B_KEY).from(bucket).download(path, { transform: { width: 40 } });
  assert.equal(stolen.error?.statusCode, '404');
});

test('bad values and objects that are no image are refused with a clear error', async () => {
  const tooWide = await service.from(bucket).download('wide.png', { transform: { width: 3000 } });
  assert.equal(tooWide.error?.statusCode, '400');
  assert.equal(tooWide.error.message, 'Invalid Parameter width: must be an integer from 1 to 2500');

  const badMode = await service.from(bucket).download('wide.png', { transform: { width: 10, resize: 'squash' } });
  assert.equal(badMode.error?.statusCode, '400');
  assert.equal(badMode.error.message, 'Invalid Parameter resize: must be cover, contain or fill');

  const text = await service.from(bucket).download('notes.txt', { transform: { width: 10 } });
  assert.equal(text.error?.statusCode, '415');
  assert.match(text.error.message, /not an image/);
});
