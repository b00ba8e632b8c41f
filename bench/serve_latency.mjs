// bench/serve_latency.mjs BASE_URL QUERIES_JSON: time from a keystroke to the
// results painted on idx serve's page, in headless Chromium (Debian's
// chromium, playwright-core from tests/browser/node_modules). Each query is
// typed a key every 180 ms (past the page's 120 ms debounce, so every key
// searches); the page records, per answer, the time from the search's start
// (the debounce over) to the results painted: a task posted from the
// animation-frame callback that follows the DOM update runs after that
// frame's rendering (cli/web/idx-search.js, afterPaint). Prints the median,
// p95 and max over every answer.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [base, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const browser = await chromium.launch({
  executablePath: process.env.IDX_CHROMIUM || '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.goto(`${base}/`);
await page.waitForFunction(() => window.idxSearch && window.idxSearch.timings.length > 0);
await page.evaluate(() => { window.idxSearch.timings.length = 0; });
const box = page.getByRole('searchbox');
for (const query of queries) {
  await box.fill('');
  await box.pressSequentially(query, { delay: 180 });
  await page.waitForTimeout(300);
}
const timings = await page.evaluate(() => window.idxSearch.timings.slice());
await browser.close();
timings.sort((a, b) => a - b);
const at = (q) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))];
console.log(`keystroke to painted (debounce excluded), ${timings.length} answers over ${queries.length} queries: ` +
  `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${timings[timings.length - 1].toFixed(1)} ms`);
