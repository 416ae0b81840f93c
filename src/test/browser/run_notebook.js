// Opens one notebook in the classic Jupyter Notebook UI in headless Chromium, runs all cells, and prints a JSON
// report on stdout (per code cell: prompt, output types, stderr/error text, rendered <img> sizes).
// Used by src/test/python/test_browser.py:
//   node run_notebook.js URL_WITH_TOKEN SCREENSHOT_DIR TIMEOUT_S [CHROMIUM]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [url, shotDir, timeoutArg, exe] = process.argv.slice(2);
const timeoutMs = Number(timeoutArg || 300) * 1000;
const executablePath = exe || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const log = (...a) => console.error('[browser]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  // A fresh profile: launchPersistentContext passes it as --user-data-dir.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dlkit-chromium-'));
  const report = { ok: false, dead: false, timedOut: false, cells: [], consoleErrors: [] };
  const t0 = Date.now();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, timeout: 60000,
  });
  let page;
  try {
    page = context.pages()[0] || await context.newPage();
    page.on('pageerror', (e) => report.consoleErrors.push(String(e)));
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    // Wait until the notebook is loaded and its kernel is connected, has answered kernel_info and is idle.
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
      Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply &&
      Jupyter.notebook.kernel.info_reply.protocol_version &&
      $('#kernel_indicator_icon').hasClass('kernel_idle_icon'), null, { timeout: 120000, polling: 250 });
    report.browserStartS = (Date.now() - t0) / 1000;
    log(`notebook loaded, kernel connected after ${report.browserStartS} s`);
    await page.evaluate(() => {
      Jupyter.notebook.set_autosave_interval(0); // never write outputs back to disk
      window.__dlkit = { dead: false, restarting: false };
      const ev = Jupyter.notebook.events;
      ev.on('kernel_dead.Kernel kernel_dead.Session', () => { window.__dlkit.dead = true; });
      ev.on('kernel_restarting.Kernel kernel_autorestarting.Kernel', () => { window.__dlkit.restarting = true; });
      Jupyter.notebook.execute_all_cells();
    });
    const t1 = Date.now();
    let quiet = 0;
    for (;;) {
      const s = await page.evaluate(() => ({
        dead: window.__dlkit.dead || window.__dlkit.restarting,
        running: Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' &&
          /\[\*\]/.test(c.element.find('.input_prompt').text())).length,
        idle: Jupyter.notebook.kernel && $('#kernel_indicator_icon').hasClass('kernel_idle_icon'),
        // Every non-empty code cell has its execution count, unless an error stopped the queue.
        settled: Jupyter.notebook.get_cells().every((c) => c.cell_type !== 'code' || !c.get_text().trim() ||
          /\[\d+\]/.test(c.element.find('.input_prompt').text())) ||
          Jupyter.notebook.get_cells().some((c) => c.cell_type === 'code' &&
            c.output_area.outputs.some((o) => o.output_type === 'error')),
      }));
      if (s.dead) { report.dead = true; log('the kernel died or restarted'); break; }
      // Done when no cell shows [*] and the kernel is idle on three polls in a row (1.5 s), so a brief idle
      // between two queued cells under load does not end the run early.
      quiet = (s.running === 0 && s.idle && s.settled) ? quiet + 1 : 0;
      if (quiet >= 3) break;
      if (Date.now() - t1 > timeoutMs) { report.timedOut = true; log(`timed out with ${s.running} cells [*]`); break; }
      await sleep(500);
    }
    report.runS = (Date.now() - t1) / 1000;
    // Let the last images decode before measuring them.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.output_area img')).every((i) => i.complete),
      null, { timeout: 15000 }).catch(() => log('some images never finished loading'));
    report.cells = await page.evaluate(() => Jupyter.notebook.get_cells().map((c, index) => {
      if (c.cell_type !== 'code') return null;
      const outs = c.output_area.outputs;
      return {
        index,
        source: c.get_text().slice(0, 80),
        prompt: c.element.find('.input_prompt').text().trim(),
        outputTypes: outs.map((o) => o.output_type),
        pngOutputs: outs.filter((o) => o.data && o.data['image/png']).length,
        errors: outs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
        stderr: outs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => o.text),
        errorElements: c.element.find('.output_error, .output_stderr').length,
        images: Array.from(c.element[0].querySelectorAll('.output_area img')).map((i) => ({
          complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
          width: i.width, height: i.height })),
      };
    }).filter((c) => c !== null));
    report.ok = !report.dead && !report.timedOut;
  } finally {
    if (page) {
      await page.screenshot({ path: path.join(shotDir, 'notebook-full.png'), fullPage: true })
        .catch((e) => log('full-page screenshot failed:', String(e)));
      // One screenshot per cell with an image output, for a quick look at the plots.
      const handles = await page.$$('.cell.code_cell').catch(() => []);
      let n = 0;
      for (let i = 0; i < handles.length; i++) {
        if (await handles[i].$('.output_area img')) {
          await handles[i].screenshot({ path: path.join(shotDir, `cell-${String(i).padStart(2, '0')}.png`) })
            .catch(() => {});
          n++;
        }
      }
      report.screenshots = n + 1;
    }
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
    report.totalS = (Date.now() - t0) / 1000;
    fs.writeFileSync(path.join(shotDir, 'report.json'), JSON.stringify(report, null, 1));
    process.stdout.write(JSON.stringify(report) + '\n');
  }
}

main().catch((e) => { log(e && e.stack || String(e)); process.exit(2); });
