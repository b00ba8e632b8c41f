// Browser tests of idx serve's page, in headless Chromium (Debian's chromium,
// driven by playwright-core): typing, facets, paging, the back button,
// injection attempts, the keyboard, ARIA roles, an axe-core scan, the
// embeddable script on another origin. A screenshot of each state is saved
// under $IDX_ARTIFACTS. Run by tests/browser/run (ctest: browser_page).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { answerPainted, makeSite, report } from './fixture.mjs';

const require = createRequire(import.meta.url);
const artifacts = process.env.IDX_ARTIFACTS || path.join(os.tmpdir(), 'idx-browser-artifacts');
const chromiumPath = process.env.IDX_CHROMIUM || '/usr/lib/chromium/chromium';
fs.mkdirSync(artifacts, { recursive: true });

// ------------------------------------------------------------------ servers
const site = makeSite();
const postCount = site.postCount;
// A site of its own on another origin, embedding the UI with one script tag
// (idx serve lets that origin call its API: --cors).
let base = '';
const embedHost = http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>My blog</title></head>
<body><header><h1>My blog</h1></header><main><div id="idx-search"></div></main>
<script src="${base}/idx-search.js" data-idx="${base}"></script></body></html>`);
});
await new Promise((resolve) => embedHost.listen(0, '127.0.0.1', resolve));
const hostPort = embedHost.address().port;
const serve = await site.serve(['--cors', `http://127.0.0.1:${hostPort}`]);
base = `http://127.0.0.1:${serve.port}`;

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });

// ------------------------------------------------------------------ helpers
const results = [];
let dialogs = 0;
async function newPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}
async function settled(page) {
  await page.waitForFunction(answerPainted);
}
async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}
async function typeQuery(page, text) {
  const box = page.getByRole('searchbox');
  await box.fill('');
  await box.pressSequentially(text, { delay: 30 });
  await settled(page);
}
async function statusText(page) {
  return (await page.getByRole('status').textContent()).trim();
}
async function test(name, body) {
  const page = await newPage();
  try {
    await body(page);
    assert.deepEqual(page.errors, [], 'the page logged errors');
    results.push([name, 'ok']);
  } catch (e) {
    results.push([name, 'FAILED', e]);
    await shot(page, `failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
  } finally {
    await page.context().close();
  }
}

// ------------------------------------------------------------------ tests
await test('the empty page invites a search and counts the posts', async (page) => {
  await page.goto(`${base}/`);
  await settled(page);
  assert.equal(await page.getByRole('searchbox').count(), 1);
  assert.ok(postCount > 30);
  assert.equal(await statusText(page), `Type to search ${postCount} posts.`);
  await shot(page, 'empty');
});

await test('typing shows results, the word being typed matching as a prefix', async (page) => {
  await page.goto(`${base}/`);
  await settled(page);
  await typeQuery(page, 'ceasef');
  assert.equal(await statusText(page), '2 posts match');
  const links = page.getByRole('list', { name: 'Results' }).getByRole('link');
  assert.equal(await links.count(), 2);
  assert.equal(await page.locator('.idx-snippet mark').first().textContent(), 'ceasefire');
  assert.match(page.url(), /\?q=ceasef$/);
  await shot(page, 'results');
});

await test('a facet checkbox narrows the results to its count', async (page) => {
  await page.goto(`${base}/?q=harbour`);
  await settled(page);
  const before = await statusText(page);
  const box = page.getByRole('checkbox', { name: /^World \(\d+\)$/ });
  const label = await box.evaluate((b) => document.querySelector(`label[for="${b.id}"]`).textContent);
  const count = Number(/\((\d+)\)$/.exec(label)[1]);
  assert.ok(count > 0 && `${count} posts match` !== before);
  await box.check();
  await settled(page);
  assert.equal(await statusText(page), count === 1 ? '1 post matches' : `${count} posts match`);
  assert.match(page.url(), /category=World/);
  assert.ok(await page.getByRole('checkbox', { name: /^World \(\d+\)$/ }).isChecked());
  await shot(page, 'facet');
  // Back: the filter is gone again, as it was.
  await page.goBack();
  await settled(page);
  assert.equal(await statusText(page), before);
  assert.ok(!(await page.getByRole('checkbox', { name: /^World \(\d+\)$/ }).isChecked()));
  assert.doesNotMatch(page.url(), /category=/);
});

await test('every facet value is a checkbox named by its value and count', async (page) => {
  await page.goto(`${base}/?q=harbour`);
  await settled(page);
  const names = await page.getByRole('checkbox').evaluateAll((boxes) =>
    boxes.map((b) => document.querySelector(`label[for="${b.id}"]`).textContent));
  assert.ok(names.length >= 5);
  for (const name of names) assert.match(name, /^.+ \(\d+\)$/);
  for (const legend of ['Author', 'Category', 'Year', 'Month', 'Language'])
    assert.equal(await page.getByRole('group', { name: legend }).count(), 1, legend);
});

await test('paging moves through the results and back', async (page) => {
  await page.goto(`${base}/?q=harbour&sort=oldest`);
  await settled(page);
  const firstPage = await page.locator('.idx-hit h3').allTextContents();
  assert.equal(firstPage.length, 10);
  await page.getByRole('button', { name: 'Next' }).click();
  await settled(page);
  assert.match(page.url(), /page=2/);
  const secondPage = await page.locator('.idx-hit h3').allTextContents();
  assert.equal(secondPage.length, 10);
  assert.ok(!secondPage.some((t) => firstPage.includes(t)));
  assert.match(await page.locator('.idx-pager span').textContent(), /^Page 2 of 3$/);
  await shot(page, 'page-2');
  await page.goBack();
  await settled(page);
  assert.deepEqual(await page.locator('.idx-hit h3').allTextContents(), firstPage);
});

await test('titles, snippets and queries that look like markup show as text', async (page) => {
  await page.goto(`${base}/`);
  await settled(page);
  await typeQuery(page, 'hostile harbour title');
  const title = page.getByRole('link', { name: '<img src=x onerror=alert(1)>' });
  assert.equal(await title.count(), 1);
  assert.equal(await page.locator('#idx-search img').count(), 0);
  const snippet = await page.locator('.idx-hit', { has: title }).locator('.idx-snippet').textContent();
  assert.match(snippet, /<script>alert\(2\)<\/script>/);
  assert.equal(await page.locator('#idx-search script').count(), 0);
  await typeQuery(page, '"><script>alert(3)</script><img src=x onerror=alert(4)>');
  assert.equal(await page.locator('#idx-search img, #idx-search script').count(), 0);
  assert.match(await statusText(page), /<script>alert\(3\)<\/script>/);
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  await shot(page, 'injection');
});

await test('the keyboard: / focuses the box, arrows walk the results', async (page) => {
  await page.goto(`${base}/?q=harbour`);
  await settled(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'idx-q');
  const titles = await page.locator('.idx-hit h3 a').allTextContents();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), titles[0]);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), titles[1]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), titles[0]);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'idx-q');
});

await test('no match says so, and a misspelling offers its correction as a link', async (page) => {
  await page.goto(`${base}/`);
  await settled(page);
  await typeQuery(page, 'zzqqxx');
  assert.equal(await statusText(page), 'No posts match “zzqqxx”.');
  await shot(page, 'no-results');
  await page.goto(`${base}/?q=ceasfire`);
  await settled(page);
  const suggestion = page.locator('.idx-suggestion').getByRole('link', { name: 'ceasefire', exact: true });
  assert.equal(await suggestion.count(), 1);
  await suggestion.click();
  await settled(page);
  assert.equal(await page.getByRole('searchbox').inputValue(), 'ceasefire');
  assert.equal(await statusText(page), '2 posts match');
  await shot(page, 'did-you-mean');
});

await test('the page speaks the language of the posts it shows', async (page) => {
  await page.goto(`${base}/?q=${encodeURIComponent('脆弱性')}&lang=ja`);
  await settled(page);
  assert.equal(await page.locator('#idx-search').getAttribute('lang'), 'ja');
  assert.equal(await page.getByRole('searchbox', { name: '記事を検索' }).count(), 1);
  assert.equal(await statusText(page), '1 件の記事');
  await shot(page, 'japanese');
});

for (const scheme of ['light', 'dark']) {
  await test(`axe finds no serious or critical violation (${scheme})`, async (page) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${base}/?q=harbour`);
    await settled(page);
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
    const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.length} (${v.help})`), []);
    await shot(page, `axe-${scheme}`);
  });
}

await test('the embeddable script turns a site page into the same search', async (page) => {
  await page.goto(`http://127.0.0.1:${hostPort}/`);
  await settled(page);
  await typeQuery(page, 'lantern');
  assert.equal(await statusText(page), '1 post matches');
  assert.equal(await page.getByRole('heading', { name: 'My blog' }).count(), 1);
  await shot(page, 'embedded');
});

// ------------------------------------------------------------------ report
await browser.close();
serve.kill('SIGTERM');
embedHost.close();
site.remove();
process.exit(report(results, `; screenshots in ${artifacts}`));
