// Drives Debian's headless Chromium with playwright-core through the cases of cases.js, each run in a page
// served from a loopback origin other than the server's (so every request is a cross-origin one). Started
// by BrowserEndToEndTest (not picked up by the plain `node --test` run) with:
//   PAGE_URL           a page on an origin the restricted server lists
//   UNLISTED_PAGE_URL  the same page on an origin nobody lists
//   STORAGE_URL        the server with the default CORS settings (…/storage/v1)
//   RESTRICTED_URL     a server with CORS_ALLOWED_ORIGINS set to PAGE_URL's origin (…/storage/v1)
//   SERVICE_KEY, ANON_KEY, USER_A_ID, USER_A_KEY
// A failing case, an uncaught page error or a console error the page did not announce fails the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const env = process.env;
const rootOf = (storageUrl) => storageUrl.replace(/\/storage\/v1\/?$/, '');
const config = {
  supabaseUrl: rootOf(env.STORAGE_URL),
  restrictedUrl: rootOf(env.RESTRICTED_URL),
  serviceKey: env.SERVICE_KEY,
  anonKey: env.ANON_KEY,
  userId: env.USER_A_ID,
  userKey: env.USER_A_KEY,
};
// Loopback only: these keep Chromium from reaching out to the network on its own.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let browser;

before(async () => {
  // launch() gives Chromium a fresh, empty user-data-dir of its own and removes it on close.
  browser = await chromium.launch({ executablePath: env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: FLAGS, timeout: 60_000 });
});

after(async () => {
  await browser?.close();
});

/** Opens `pageUrl` in a fresh context and runs `suite` of cases.js in it; console errors are collected. */
async function runInPage(pageUrl, suite) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url ?? '' });
  });
  page.on('pageerror', (error) => consoleErrors.push({ text: `uncaught: ${error.stack ?? error}`, url: pageUrl }));
  try {
    await page.goto(pageUrl, { waitUntil: 'load' });
    const { results, expectedFailures } = await page.evaluate(([name, settings]) =>
      window.storageCases[name](settings), [suite, config]);
    const announced = (error) => expectedFailures.some((url) => error.text.includes(url) || error.url.startsWith(url));
    return { results, consoleErrors, unexpected: consoleErrors.filter((error) => !announced(error)) };
  } finally {
    await context.close();
  }
}

/** Reports each case of the page as a subtest, then fails on console errors nobody announced. */
async function report(t, { results, unexpected }) {
  assert.ok(results.length > 0, 'the page ran cases');
  for (const { name, ok, error } of results) {
    await t.test(name, () => assert.ok(ok, error && `in the page: ${error}`));
  }
  assert.deepEqual(unexpected, [], 'console errors in the page');
}

test('a web app on another origin uses storage through supabase-js', { timeout: 240_000 }, async (t) => {
  await report(t, await runInPage(env.PAGE_URL, 'main'));
});

test('a listed origin is served by a server restricted to it', { timeout: 60_000 }, async (t) => {
  await report(t, await runInPage(env.PAGE_URL, 'listedOrigin'));
});

test('an unlisted origin is blocked by the browser', { timeout: 60_000 }, async (t) => {
  const run = await runInPage(env.UNLISTED_PAGE_URL, 'unlistedOrigin');
  await report(t, run);
  assert.ok(run.consoleErrors.some((error) => /blocked by CORS policy/.test(error.text)),
    `Chromium blamed CORS: ${JSON.stringify(run.consoleErrors)}`);
});
