// Run by ResumableUploadIT, not by the e2e runner: uploads SIZE_MIB random MiB with tus-js-client in 6 MiB
// chunks to ENDPOINTS[0]; with two endpoints (comma-separated), the upload is interrupted after its first
// chunk and finished through the second server. Then downloads the object from the last server and compares
// SHA-256 digests. Exits 0 when the bytes came back identical.
import { createHash, randomBytes } from 'node:crypto';
import * as tus from 'tus-js-client';

const endpoints = process.env.ENDPOINTS.split(',');
const key = process.env.KEY;
const bucket = process.env.BUCKET;
const size = Number(process.env.SIZE_MIB) * 1024 * 1024;
const objectName = `large/${Date.now()}.bin`;
const data = randomBytes(size);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const options = (endpoint, extra) => ({
  endpoint,
  retryDelays: [0, 1000, 3000],
  headers: { authorization: `Bearer ${key}` },
  uploadDataDuringCreation: true,
  metadata: { bucketName: bucket, objectName, contentType: 'application/octet-stream' },
  chunkSize: 6 * 1024 * 1024,
  ...extra,
});

const upload = (opts, stopAfterChunks) => new Promise((resolve, reject) => {
  let chunks = 0;
  const running = new tus.Upload(data, {
    ...opts,
    onChunkComplete: () => {
      chunks += 1;
      if (chunks === stopAfterChunks) {
        running.abort().then(() => resolve(running.url), reject);
      }
    },
    onSuccess: () => resolve(running.url),
    onError: reject,
  });
  running.start();
});

let url = await upload(options(endpoints[0]), endpoints.length > 1 ? 1 : 0);
if (endpoints.length > 1) {
  const elsewhere = new URL(new URL(url).pathname, endpoints[1]).toString();
  const requests = [];
  await upload(options(endpoints[1], {
    uploadUrl: elsewhere,
    onBeforeRequest: (req) => requests.push(`${req.getMethod()} ${new URL(req.getURL()).host}`),
  }), 0);
  const second = new URL(endpoints[1]).host;
  if (requests[0] !== `HEAD ${second}` || !requests.slice(1).every((r) => r === `PATCH ${second}`)) {
    throw new Error(`the rest did not go to the second server: ${requests.join(', ')}`);
  }
  url = elsewhere;
}

const base = endpoints[endpoints.length - 1].replace(/\/upload\/resumable$/, '');
const response = await fetch(`${base}/object/${bucket}/${objectName}`, { headers: { authorization: `Bearer ${key}` } });
if (response.status !== 200) {
  throw new Error(`download answered ${response.status}: ${await response.text()}`);
}
const hash = createHash('sha256');
for await (const chunk of response.body) {
  hash.update(chunk);
}
const [sent, received] = [sha256(data), hash.digest('hex')];
if (sent !== received) {
  throw new Error(`the object differs: sent ${sent}, received ${received}`);
}
console.log(`ok: ${size} bytes through ${endpoints.length} server(s), sha256 ${received}`);
