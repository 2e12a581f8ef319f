// Shared set-up for the api-objects end-to-end files: clients per role, raw HTTP helpers, fresh buckets.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { StorageClient } from '@supabase/storage-js';

export const url = process.env.STORAGE_URL;
export const keys = {
  service: process.env.SERVICE_KEY,
  anon: process.env.ANON_KEY,
  userA: process.env.USER_A_KEY,
  userB: process.env.USER_B_KEY,
};
export const userA = process.env.USER_A_ID;
export const userB = process.env.USER_B_ID;

const client = (key) => new StorageClient(url, { apikey: key, Authorization: `Bearer ${key}` });
export const service = client(keys.service);
export const anon = client(keys.anon);
export const alice = client(keys.userA);
export const bob = client(keys.userB);

export const md5 = (bytes) => createHash('md5').update(bytes).digest('hex');

/** fetch against the API with a key (service by default, none with key: null). */
export function http(path, { key = keys.service, headers = {}, ...init } = {}) {
  const auth = key ? { apikey: key, authorization: `Bearer ${key}` } : {};
  return fetch(`${url}${path}`, { ...init, headers: { ...auth, ...headers } });
}

/** A JSON request with a body, as the client sends them. */
export function postJson(path, body, options = {}) {
  return http(path, { method: 'POST', ...options, headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify(body) });
}

/** A bucket created afresh (emptied and deleted first if a previous run left it). */
export async function freshBucket(id, options = { public: false }) {
  if (!(await service.getBucket(id)).error) {
    await service.emptyBucket(id);
    assert.equal((await service.deleteBucket(id)).error, null, `could not remove leftover bucket ${id}`);
  }
  const created = await service.createBucket(id, options);
  assert.equal(created.error, null, JSON.stringify(created.error));
  return service.from(id);
}

/** Empties and deletes a bucket, asserting both worked. */
export async function dropBucket(id) {
  assert.equal((await service.emptyBucket(id)).error, null);
  assert.equal((await service.deleteBucket(id)).error, null);
}

/** Uploads text with the service key and returns the stored bytes' md5. */
export async function put(bucket, path, text, options = {}) {
  const result = await service.from(bucket).upload(path, text, { contentType: 'text/plain', ...options });
  assert.equal(result.error, null, JSON.stringify(result.error));
  return md5(Buffer.from(text));
}

/** Asserts a Supabase-style error response: status, JSON {statusCode, error, message, code}, no-cache. */
export async function assertError(response, status, code, message) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  const body = await response.json();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'error', 'message', 'statusCode']);
  assert.equal(body.statusCode, String(status));
  assert.equal(body.code, code);
  if (message !== undefined) {
    assert.equal(body.message, message);
  }
  return body;
}
