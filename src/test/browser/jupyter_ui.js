// Drives JupyterLab 4 or Notebook 7 in Debian's headless Chromium for src/test/python/test_browser.py and
// prints one JSON report on stdout (also written to OUT_DIR/report.json):
//   node jupyter_ui.js PLAN.json
// PLAN: {base, token, ui: "lab"|"notebook", outDir, chromium, runTimeoutS, notebooks: [names], features: NAME|null,
//        launcher: bool}. Every step records what it saw; the Python test makes the assertions.
//
// Conventions follow JupyterLab's Galata (galata/src/helpers): the server is started with
// expose_app_in_browser, so `window.jupyterapp` gives the shell, the notebook model and the session; the menu
// is clicked by label ('Run>Run All Cells'); a run is over when every non-empty code cell has an execution count
// and the kernel is idle (Galata's haveBeenExecuted + waitForRun); toolbar items are found by their
// data-jp-item-name. Notebook windowing is off (user settings written by the test) so every cell is in the DOM.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const log = (...a) => console.error(`[${plan.ui}]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const report = { ui: plan.ui, notebooks: {}, consoleErrors: [] };

function url(p) {
  return `${plan.base}${p}${p.includes('?') ? '&' : '?'}token=${plan.token}`;
}

function docUrl(name) {
  // A fresh named workspace per document in Lab, so no earlier layout (and its kernels) comes back.
  return plan.ui === 'lab' ? url(`/lab/workspaces/${encodeURIComponent(name)}/tree/${name}.ipynb`)
    : url(`/notebooks/${name}.ipynb`);
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => report.consoleErrors.push(`${page.url()}: ${e}`));
  return page;
}

// In-page helpers, installed once the app is up.
async function installHelpers(page) {
  await page.evaluate(() => {
    const panel = () => {
      const w = window.jupyterapp.shell.currentWidget;
      return w && w.content && w.sessionContext ? w : null;
    };
    const kernel = () => { const p = panel(); return p && p.sessionContext.session && p.sessionContext.session.kernel; };
    window.__dlkit = {
      events: [],
      panel, kernel,
      status: () => { const k = kernel(); return k ? k.status : 'none'; },
      cells: () => Array.from(panel().content.widgets),
    };
    // Galata's haveBeenExecuted: no non-empty code cell without an execution count.
    window.__dlkit.allExecuted = () => {
      for (const cell of panel().content.model.cells) {
        if (cell.type === 'code' && cell.sharedModel.getSource().trim().length > 0 && cell.executionCount === null) {
          return false;
        }
      }
      return true;
    };
    window.__dlkit.hasError = () => window.__dlkit.cells().some((c) => c.model.type === 'code' &&
      c.model.outputs.toJSON().some((o) => o.output_type === 'error'));
    const p = panel();
    p.sessionContext.statusChanged.connect((_, s) => {
      if (s === 'dead' || s === 'restarting' || s === 'autorestarting') {
        window.__dlkit.events.push({ status: s, t: Date.now() });
      }
    });
  });
}

async function openDocument(page, name) {
  const t0 = Date.now();
  await page.goto(docUrl(name), { waitUntil: 'load', timeout: 90000 });
  // The notebook is open, its session ready and its kernel has answered kernel_info and is idle.
  await page.waitForFunction(() => {
    const app = window.jupyterapp;
    const w = app && app.shell.currentWidget;
    const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
    return !!(k && w.sessionContext.isReady && k.status === 'idle' && k.info && w.content.widgets.length > 0);
  }, null, { timeout: 120000, polling: 250 });
  await page.evaluate(async () => { await window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.info; });
  await installHelpers(page);
  return (Date.now() - t0) / 1000;
}

// Galata's MenuHelper.clickMenuItem('Run>Run All Cells'): open the menu bar item, then the entry.
async function clickMenu(page, top, item) {
  await page.locator(`.lm-MenuBar .lm-MenuBar-itemLabel:text-is("${top}")`).first().click();
  await page.locator(`.lm-Menu .lm-Menu-itemLabel:text-is("${item}")`).first().click();
}

async function clickToolbar(page, itemName) {
  await page.locator(`.jp-NotebookPanel-toolbar .jp-Toolbar-item[data-jp-item-name="${itemName}"]`)
    .first().locator('button, jp-button').first().click();
}

// Waits for a Run All to finish: every non-empty code cell executed (or an error stopped the queue) and the
// kernel idle on three polls in a row; meanwhile samples the progress bars, to see them change in place.
async function waitForRun(page, timeoutMs, progressSeen) {
  const t0 = Date.now();
  let quiet = 0;
  for (;;) {
    const s = await page.evaluate(() => {
      const d = window.__dlkit;
      const bars = [];
      d.cells().forEach((c, index) => c.node.querySelectorAll('.jp-OutputArea-output progress').forEach((p, i) =>
        bars.push({ index, i, value: Number(p.value), max: Number(p.max), count: c.node.querySelectorAll(
          '.jp-OutputArea-output progress').length })));
      return { status: d.status(), done: d.allExecuted() || d.hasError(), events: d.events.length, bars };
    });
    for (const b of s.bars) {
      const key = `${b.index}/${b.i}`;
      const seen = progressSeen[key] || (progressSeen[key] = { values: [], maxCount: 0 });
      if (!seen.values.includes(b.value)) seen.values.push(b.value);
      seen.maxCount = Math.max(seen.maxCount, b.count);
    }
    if (s.events > 0) return { dead: true, timedOut: false };
    quiet = s.done && s.status === 'idle' ? quiet + 1 : 0;
    if (quiet >= 3) return { dead: false, timedOut: false };
    if (Date.now() - t0 > timeoutMs) return { dead: false, timedOut: true };
    await sleep(400);
  }
}

async function cellReport(page) {
  // Let the last images decode before measuring them.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('.jp-OutputArea-output img'))
    .every((i) => i.complete), null, { timeout: 15000 }).catch(() => log('some images never finished loading'));
  return page.evaluate(() => window.__dlkit.cells().map((c, index) => {
    if (c.model.type !== 'code') return null;
    const outs = c.model.outputs.toJSON();
    return {
      index,
      id: c.model.id,
      source: c.model.sharedModel.getSource().slice(0, 80),
      executionCount: c.model.executionCount,
      outputTypes: outs.map((o) => o.output_type),
      pngOutputs: outs.filter((o) => o.data && o.data['image/png']).length,
      errors: outs.filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
      stderr: outs.filter((o) => o.output_type === 'stream' && o.name === 'stderr').map((o) => o.text),
      errorElements: c.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        .length,
      tags: (c.model.getMetadata ? c.model.getMetadata('tags') : c.model.metadata.get('tags')) || [],
      // An image drawn inside a widget view (an Output widget's area) is live widget state, not a cell output:
      // nbconvert's headless run has no counterpart, so it is reported apart.
      images: Array.from(c.node.querySelectorAll('.jp-OutputArea-output img')).map((i) => ({
        complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
        width: i.width, height: i.height, inWidget: i.closest('.jupyter-widgets') !== null })),
      progress: Array.from(c.node.querySelectorAll('.jp-OutputArea-output progress')).map((p) => ({
        value: Number(p.value), max: Number(p.max) })),
    };
  }).filter((c) => c !== null));
}

// The whole notebook in one picture: the viewport is made as tall as the notebook (capped), the notebook scrolled
// to its top, then the notebook panel is captured.
async function screenshotNotebook(page, file) {
  const scroll = (top) => page.evaluate((t) => {
    const p = window.__dlkit.panel();
    const scroller = p.content.node.querySelector('.jp-WindowedPanel-outer') || p.content.node;
    scroller.scrollTo(0, t);
    return scroller.scrollHeight;
  }, top);
  const h = await scroll(0).catch(() => 900);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(900, h + 250), 16000) });
  await sleep(500);
  await scroll(0).catch(() => {});
  await sleep(500);
  const panel = page.locator('.jp-NotebookPanel').first();
  await panel.screenshot({ path: file }).catch((e) => log('screenshot failed:', String(e)));
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function shutdownKernels(page) {
  await page.evaluate(async () => { await window.jupyterapp.serviceManager.sessions.shutdownAll(); })
    .catch((e) => log('shutting the kernels down failed:', String(e)));
}

async function runNotebook(browser, name) {
  const r = { name, dead: false, timedOut: false, cells: [], progressSeen: {} };
  const page = await newPage(browser);
  try {
    r.loadS = await openDocument(page, name);
    log(`${name}: open, kernel idle after ${r.loadS} s`);
    const t1 = Date.now();
    await clickMenu(page, 'Run', 'Run All Cells');
    Object.assign(r, await waitForRun(page, plan.runTimeoutS * 1000, r.progressSeen));
    r.runS = (Date.now() - t1) / 1000;
    log(`${name}: ran in ${r.runS} s${r.dead ? ' (kernel died)' : ''}${r.timedOut ? ' (timed out)' : ''}`);
    r.cells = await cellReport(page);
    r.screenshot = path.join(plan.outDir, `${name}.png`);
    await screenshotNotebook(page, r.screenshot);
  } catch (e) {
    r.failure = String(e && e.stack || e);
    log(`${name}: ${r.failure}`);
    await page.screenshot({ path: path.join(plan.outDir, `${name}-failure.png`) }).catch(() => {});
  } finally {
    await shutdownKernels(page);
    await page.context().close().catch(() => {});
  }
  return r;
}

async function launcher(browser) {
  const r = {};
  const page = await newPage(browser);
  try {
    await page.goto(url('/lab/workspaces/launcher?reset'), { waitUntil: 'load', timeout: 90000 });
    await page.waitForSelector('.jp-Launcher .jp-LauncherCard', { timeout: 90000 });
    await sleep(500);
    r.cards = await page.evaluate(async () => Promise.all(Array.from(
      document.querySelectorAll('.jp-Launcher .jp-LauncherCard')).map(async (c) => {
      const img = c.querySelector('.jp-LauncherCard-icon img');
      let logo = null;
      if (img) {
        // The bytes the browser got for the logo, to compare with kernel/logo-*.png.
        const buf = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
        let s = '';
        buf.forEach((b) => { s += String.fromCharCode(b); });
        logo = { src: img.getAttribute('src'), complete: img.complete, naturalWidth: img.naturalWidth,
          naturalHeight: img.naturalHeight, width: img.width, height: img.height, base64: btoa(s) };
      }
      return { category: c.getAttribute('data-category'), label: c.querySelector('.jp-LauncherCard-label')
        .textContent.trim(), logo };
    })));
    r.screenshot = path.join(plan.outDir, 'launcher.png');
    await page.screenshot({ path: r.screenshot });
  } catch (e) {
    r.failure = String(e && e.stack || e);
  } finally {
    await page.context().close().catch(() => {});
  }
  return r;
}

async function cellEditor(page, index) {
  const editor = page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.cm-content');
  await editor.click();
  return editor;
}

async function kernelIdle(page, timeoutMs) {
  await page.waitForFunction(() => window.__dlkit.status() === 'idle', null, { timeout: timeoutMs, polling: 100 });
}

// The scratch notebook (cells by index, written by the test): 0 `int before = 42;`, 1 println, 2 `while (true) {}`,
// 3 `before`, 4 `System.out.prin`, 5 `Math.max(1, 2)`.
async function features(browser, name) {
  const r = { name };
  const page = await newPage(browser);
  try {
    r.loadS = await openDocument(page, name);
    // Java syntax highlighting: CodeMirror's language for the cells and the highlight tokens it drew.
    r.highlight = await page.evaluate(() => {
      const c = window.__dlkit.cells()[2];
      const line = c.node.querySelector('.cm-line');
      const spans = Array.from(line.querySelectorAll('span'));
      const plain = getComputedStyle(line).color;
      return { mimeType: c.model.mimeType, text: line.textContent, html: line.innerHTML,
        tokens: spans.map((s) => ({ text: s.textContent, cls: s.className, color: getComputedStyle(s).color })),
        plainColor: plain };
    });
    // Run cell 0 once, so that after "Restart kernel and run all" its count shows the restart (1 again).
    await cellEditor(page, 0);
    await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(() => window.__dlkit.cells()[0].model.executionCount === 1, null, { timeout: 60000 });
    await kernelIdle(page, 30000);
    if (plan.restart) {
      // Restart kernel and run all: the toolbar button, then the dialog's accept button.
      await clickToolbar(page, 'restart-and-run');
      await page.locator('.jp-Dialog .jp-mod-accept').click();
    } else {
      // Cells 1 and 2 by hand (the endless loop stays running).
      await page.keyboard.press('Shift+Enter');
      await page.keyboard.press('Shift+Enter');
    }
    await page.waitForFunction(() => {
      const cells = window.__dlkit.cells();
      return cells[1].model.executionCount !== null && cells[2].model.executionCount === null &&
        window.__dlkit.status() === 'busy';
    }, null, { timeout: 90000, polling: 100 });
    r.afterRestart = await page.evaluate(() => window.__dlkit.cells().slice(0, 2).map((c) => ({
      count: c.model.executionCount, outputs: c.model.outputs.toJSON() })));
    r.restartEvents = await page.evaluate(() => window.__dlkit.events.map((e) => e.status));
    // Cell 2 (the endless loop) is running; interrupt it from the toolbar.
    await sleep(1500);
    r.loopStillRunning = await page.evaluate(() => window.__dlkit.status() === 'busy' &&
      window.__dlkit.cells()[2].model.executionCount === null);
    const t0 = Date.now();
    await clickToolbar(page, 'interrupt');
    await kernelIdle(page, 30000).catch(() => {});
    r.interruptS = (Date.now() - t0) / 1000;
    r.loopOutputs = await page.evaluate(() => window.__dlkit.cells()[2].model.outputs.toJSON());
    // The variable defined before the loop is still there.
    await cellEditor(page, 3);
    await page.keyboard.press('Shift+Enter');
    await page.waitForFunction(() => window.__dlkit.cells()[3].model.outputs.length > 0, null, { timeout: 30000 })
      .catch(() => {});
    r.afterInterrupt = await page.evaluate(() => window.__dlkit.cells()[3].model.outputs.toJSON());
    // Tab completion at the end of `System.out.prin`.
    await cellEditor(page, 4);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Tab');
    await page.waitForSelector('.jp-Completer .jp-Completer-item', { timeout: 20000 }).catch(() => {});
    r.completions = await page.evaluate(() => Array.from(document.querySelectorAll('.jp-Completer .jp-Completer-item'))
      .map((e) => (e.getAttribute('data-value') || e.textContent).trim()));
    await page.screenshot({ path: path.join(plan.outDir, `${plan.ui}-completion.png`) });
    await page.keyboard.press('Escape');
    // Contextual help: Shift+Tab with the cursor inside `Math.max(`.
    await cellEditor(page, 5);
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'Math.max('.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+Tab');
    await page.waitForSelector('.jp-Tooltip', { timeout: 20000 }).catch(() => {});
    r.tooltip = await page.evaluate(() => {
      const t = document.querySelector('.jp-Tooltip');
      return t ? t.innerText : null;
    });
    await page.screenshot({ path: path.join(plan.outDir, `${plan.ui}-tooltip.png`) });
  } catch (e) {
    r.failure = String(e && e.stack || e);
    log(`features: ${r.failure}`);
    await page.screenshot({ path: path.join(plan.outDir, `${plan.ui}-features-failure.png`) }).catch(() => {});
  } finally {
    await shutdownKernels(page);
    await page.context().close().catch(() => {});
  }
  return r;
}

async function main() {
  fs.mkdirSync(plan.outDir, { recursive: true });
  const t0 = Date.now();
  const browser = await chromium.launch({ executablePath: plan.chromium, headless: true, args: FLAGS,
    timeout: 60000 });
  try {
    if (plan.launcher) report.launcher = await launcher(browser);
    if (plan.features) report.features = await features(browser, plan.features);
    for (const name of plan.notebooks) {
      report.notebooks[name] = await runNotebook(browser, name);
      fs.writeFileSync(path.join(plan.outDir, 'report.json'), JSON.stringify(report, null, 1));
    }
  } finally {
    await browser.close().catch(() => {});
    report.totalS = (Date.now() - t0) / 1000;
    fs.writeFileSync(path.join(plan.outDir, 'report.json'), JSON.stringify(report, null, 1));
    process.stdout.write(JSON.stringify(report) + '\n');
  }
}

main().catch((e) => { log(e && e.stack || String(e)); process.exit(2); });
