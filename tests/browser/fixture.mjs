// What both browser tests share (page_test.mjs in Chromium, firefox_test.mjs
// in Firefox): the site they search, data/posts' samples, 24 harbour reports
// (some also in World, for a facet to narrow by), a post whose title and
// body are markup as text and one in Japanese, indexed with $IDX_BINARY and
// served by `idx serve` on a free port; when the page has painted the answer
// to what was typed; the report of their results.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const idx = process.env.IDX_BINARY;

export function makeSite() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'idx-browser-'));
  const posts = path.join(work, 'posts');
  const samples = process.env.IDX_SAMPLE_POSTS;
  fs.mkdirSync(posts);
  for (const name of fs.readdirSync(samples)) {
    const from = path.join(samples, name);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(posts, name));
  }
  const writePost = (name, front, body) => fs.writeFileSync(path.join(posts, name), `---\n${front}---\n${body}\n`);
  for (let day = 1; day <= 24; ++day) {
    const d = String(day).padStart(2, '0');
    writePost(`2017-01-${d}-harbour.md`,
      `title: Harbour report ${day}\ndate: 2017-01-${d} 08:00:00\nauthor: Harbour Desk\n` +
      `categories: [${day % 3 === 0 ? 'World, Harbour' : 'Harbour'}]\n`,
      `The harbour was busy on day ${day}; ships and ferries came and went.`);
  }
  // Entities decode to the text of a tag: the page must show it, never run it.
  writePost('2017-02-01-hostile.md', "title: '&lt;img src=x onerror=alert(1)&gt;'\ndate: 2017-02-01\n",
    'A hostile harbour title, and a body that says &lt;script&gt;alert(2)&lt;/script&gt; as text.');
  writePost('2017-03-01-ja.md', 'title: 脆弱性の報告\ndate: 2017-03-01\nlang: ja\n',
    'Rubyの脆弱性が見つかりました。');
  const db = path.join(work, 'db');
  execFileSync(idx, ['add', '--db', db, posts], { stdio: 'ignore' });
  const postCount = JSON.parse(execFileSync(idx, ['stats', '--json', '--db', db])).documents;
  return {
    postCount,
    // idx serve on that index; resolves with the child, its port in .port.
    serve(extra = []) {
      return new Promise((resolve, reject) => {
        const child = spawn(idx, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra],
          { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (chunk) => {
          err += chunk;
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
          if (m && !child.port) {
            child.port = Number(m[1]);
            resolve(child);
          }
        });
        child.on('exit', (code) => reject(new Error(`idx serve exited ${code}: ${err}`)));
      });
    },
    remove() { fs.rmSync(work, { recursive: true, force: true }); },
  };
}

// For page.waitForFunction: the UI sets data-idx-seq after painting each
// answer; true when no typed search waits for its debounce (timer 0) and the
// newest one is painted. Waiting a fixed debounce is not enough: on a loaded
// machine the timer fires late, and the answer before it would pass for the
// typed one.
export function answerPainted() {
  const s = window.idxSearch;
  return s && s.timer === 0 && document.getElementById('idx-search').getAttribute('data-idx-seq') === String(s.seq);
}

// Prints each test's verdict (a failure with its stack) and a summary line;
// returns the exit status.
export function report(results, summary) {
  let failed = 0;
  for (const [name, verdict, error] of results) {
    console.log(`${verdict === 'ok' ? 'ok    ' : 'FAILED'} ${name}`);
    if (error) {
      failed++;
      console.log(`       ${String(error.stack || error).split('\n').slice(0, 6).join('\n       ')}`);
    }
  }
  console.log(`${results.length - failed} of ${results.length} browser tests passed${summary}`);
  return failed ? 1 : 0;
}
