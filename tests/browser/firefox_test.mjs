// The core flows of page_test.mjs in Firefox (Debian's firefox-esr, driven
// over WebDriver BiDi by puppeteer-core): typing shows results with the
// matches marked, a facet narrows, paging, the back button, markup in titles,
// snippets and queries shown as text. A screenshot of each state is saved
// under $IDX_ARTIFACTS (firefox-*.png). Run by tests/browser/run-firefox
// (ctest: browser_firefox).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { answerPainted, makeSite, report } from './fixture.mjs';

const artifacts = process.env.IDX_ARTIFACTS || path.join(os.tmpdir(), 'idx-browser-artifacts');
const firefoxPath = process.env.IDX_FIREFOX || '/usr/lib/firefox-esr/firefox-esr';
fs.mkdirSync(artifacts, { recursive: true });

const site = makeSite();
const serve = await site.serve();
const base = `http://127.0.0.1:${serve.port}`;
const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true });

// ------------------------------------------------------------------ helpers
const results = [];
let dialogs = 0;
async function settled(page) {
  await page.waitForFunction(answerPainted, { polling: 50, timeout: 15000 });
}
async function visit(page, address) {
  await page.goto(address);
  await settled(page);
}
async function typeQuery(page, text) {
  await page.$eval('#idx-q', (box) => { box.focus(); box.select(); });
  await page.keyboard.press('Backspace');
  await page.type('#idx-q', text, { delay: 30 });
  await settled(page);
}
const statusText = (page) => page.$eval('[role="status"]', (s) => s.textContent.trim());
const texts = (page, selector) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent));
// The checkbox whose label is "value (count)", with its id, count and state.
const facetBox = (page, value) => page.$$eval('.idx-facet input[type="checkbox"]', (boxes, wanted) => {
  for (const box of boxes) {
    const label = document.querySelector(`label[for="${box.id}"]`).textContent;
    const m = /^(.*) \((\d+)\)$/.exec(label);
    if (m && m[1] === wanted) return { id: box.id, count: Number(m[2]), checked: box.checked };
  }
  return null;
}, value);
async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `firefox-${name}.png`), fullPage: true });
}
async function test(name, body) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  const errors = [];
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await body(page);
    assert.deepEqual(errors, [], 'the page logged errors');
    results.push([name, 'ok']);
  } catch (e) {
    results.push([name, 'FAILED', e]);
    await shot(page, `failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
  } finally {
    await page.close();
  }
}

// ------------------------------------------------------------------ tests
await test('typing shows results, the matches marked', async (page) => {
  await visit(page, `${base}/`);
  assert.equal(await statusText(page), `Type to search ${site.postCount} posts.`);
  await typeQuery(page, 'ceasef');
  assert.equal(await statusText(page), '2 posts match');
  assert.equal((await texts(page, '.idx-results .idx-hit h3 a')).length, 2);
  assert.equal((await texts(page, '.idx-snippet mark'))[0], 'ceasefire');
  assert.match(page.url(), /\?q=ceasef$/);
  await shot(page, 'results');
});

await test('a facet checkbox narrows the results to its count; back undoes it', async (page) => {
  await visit(page, `${base}/?q=harbour`);
  const before = await statusText(page);
  const world = await facetBox(page, 'World');
  assert.ok(world && world.count > 0 && !world.checked);
  assert.notEqual(`${world.count} posts match`, before);
  await page.click(`#${world.id}`);
  await settled(page);
  assert.equal(await statusText(page), world.count === 1 ? '1 post matches' : `${world.count} posts match`);
  assert.match(page.url(), /category=World/);
  assert.ok((await facetBox(page, 'World')).checked);
  await shot(page, 'facet');
  await page.goBack();
  await settled(page);
  assert.equal(await statusText(page), before);
  assert.ok(!(await facetBox(page, 'World')).checked);
  assert.doesNotMatch(page.url(), /category=/);
});

await test('paging moves through the results and back', async (page) => {
  await visit(page, `${base}/?q=harbour&sort=oldest`);
  const firstPage = await texts(page, '.idx-hit h3');
  assert.equal(firstPage.length, 10);
  const [next] = await page.$$('.idx-pager button:last-of-type');
  await next.click();
  await settled(page);
  assert.match(page.url(), /page=2/);
  const secondPage = await texts(page, '.idx-hit h3');
  assert.equal(secondPage.length, 10);
  assert.ok(!secondPage.some((t) => firstPage.includes(t)));
  assert.equal(await page.$eval('.idx-pager span', (s) => s.textContent), 'Page 2 of 3');
  await shot(page, 'page-2');
  await page.goBack();
  await settled(page);
  assert.deepEqual(await texts(page, '.idx-hit h3'), firstPage);
});

await test('titles, snippets and queries that look like markup show as text', async (page) => {
  await visit(page, `${base}/`);
  await typeQuery(page, 'hostile harbour title');
  const titles = await texts(page, '.idx-hit h3 a');
  assert.ok(titles.includes('<img src=x onerror=alert(1)>'), titles.join(' | '));
  assert.equal((await page.$$('#idx-search img, #idx-search script')).length, 0);
  const snippets = await texts(page, '.idx-snippet');
  assert.ok(snippets.some((s) => s.includes('<script>alert(2)</script>')));
  await typeQuery(page, '"><script>alert(3)</script><img src=x onerror=alert(4)>');
  assert.equal((await page.$$('#idx-search img, #idx-search script')).length, 0);
  assert.match(await statusText(page), /<script>alert\(3\)<\/script>/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(dialogs, 0);
  await shot(page, 'injection');
});

// ------------------------------------------------------------------ report
const version = await browser.version();
await browser.close();
serve.kill('SIGTERM');
site.remove();
process.exit(report(results, ` in ${version}; screenshots in ${artifacts}`));
