// Assertions and a case runner for pages driven by chromium-run.mjs: each case asserts in the page and
// reports {name, ok, error}; requests that are meant to fail are announced, so that the console errors the
// browser logs for them are told apart from real ones.
window.pageKit = (() => {
  const expectedFailures = [];

  const fail = (message) => { throw new Error(message); };
  const check = (condition, message) => condition || fail(message);
  const equal = (actual, expected, what) => check(actual === expected,
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  /** The data of a supabase-js result, or the readable reason it failed. */
  const ok = ({ data, error }, what) => (error ? fail(`${what}: ${error.name}: ${error.message}`) : data);
  /** Announces that the browser will report a failure of `url` (a console error naming it). */
  const expectFailure = (url) => expectedFailures.push(url);
  const bytesOf = async (blob) => new Uint8Array(await blob.arrayBuffer());
  const sameBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

  const withTimeout = (promise, ms, name) => Promise.race([promise, new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${name}: no outcome within ${ms} ms`)), ms))]);

  /** Runs `cases` ([name, async fn]) one after the other; a failing case does not stop the next. */
  async function run(cases, timeoutMs = 20_000) {
    const results = [];
    for (const [name, body] of cases) {
      try {
        await withTimeout(body(), timeoutMs, name);
        results.push({ name, ok: true });
      } catch (error) {
        results.push({ name, ok: false, error: String(error && error.stack || error) });
      }
    }
    return { results, expectedFailures };
  }

  /** An <img> (CORS mode, so its pixels must be readable) once loaded; rejects when it fails to load. */
  const loadImage = (src) => new Promise((resolve, reject) => {
    const img = document.createElement('img');
    img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image did not load: ${src}`));
    img.src = src;
    document.getElementById('images').append(img);
  });

  /** The [r, g, b] of one pixel of a loaded image (throws if the image is not CORS-readable). */
  function pixel(img, x, y) {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    return Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
  }

  return { check, equal, ok, expectFailure, bytesOf, sameBytes, run, loadImage, pixel };
})();
