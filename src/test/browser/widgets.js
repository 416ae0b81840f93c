// Drives JupyterLab 4 in Debian's headless Chromium through the widget checks of test_browser_widgets.py:
// run all cells of a widget notebook, move the blur slider with the keyboard and screenshot the filtered image
// before and after, click a button whose Java listener prints into an Output, restart the kernel and count the
// widget views left, run all again. Writes report.json and the screenshots into OUT_DIR.
//
//   node widgets.js BASE_URL NOTEBOOK_PATH OUT_DIR
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [base, notebook, outDir] = process.argv.slice(2);
const report = { steps: [], console: [] };
const t0 = Date.now();

function step(name, extra) {
  report.steps.push({ name, s: (Date.now() - t0) / 1000, ...(extra || {}) });
  fs.writeFileSync(path.join(outDir, "report.json"), JSON.stringify(report, null, 1));
}

async function kernelIdle(page, timeout) {
  // the status bar names the kernel and its state once it is connected (the toolbar indicator says idle before)
  await page.waitForFunction(
    () => /Java \(DLKit\) \| Idle/.test(document.querySelector("#jp-main-statusbar")?.textContent || ""),
    null, { timeout });
}

async function runAll(page, cells) {
  await page.evaluate(() => window.jupyterapp.commands.execute("notebook:run-all-cells"));
  // every code cell shows an execution count, none is running, the kernel is idle again
  await page.waitForFunction((n) => {
    const prompts = [...document.querySelectorAll(".jp-CodeCell .jp-InputPrompt")].map((p) => p.textContent);
    return prompts.length === n && prompts.every((p) => /\[\d+\]/.test(p));
  }, cells, { timeout: 180000 });
  await kernelIdle(page, 60000);
}

// the widget models the kernel holds open, as the front end's widget manager asks for them
async function kernelComms(page) {
  return page.evaluate(async () => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const reply = await kernel.requestCommInfo({ target_name: "jupyter.widget" });
    return Object.keys(reply.content.comms).length;
  });
}

async function imageSrc(page, cellIndex) {
  return page.evaluate((i) => {
    const img = document.querySelectorAll(".jp-CodeCell")[i]?.querySelector(".widget-output img");
    return img && img.complete && img.naturalWidth > 0 ? img.src : null;
  }, cellIndex);
}

// after slider moves: the kernel is idle and the picture has not changed for 2 s (the widget throttle sends the
// last value once the first update's idle arrives, so one idle is not the end)
async function settle(page, cellIndex) {
  let last = null;
  let stableSince = Date.now();
  const deadline = Date.now() + 60000;
  while (Date.now() - stableSince < 2000) {
    if (Date.now() > deadline) throw new Error("the picture kept changing for 60 s");
    await kernelIdle(page, 60000);
    const src = await imageSrc(page, cellIndex);
    if (src !== last) {
      last = src;
      stableSince = Date.now();
    }
    await page.waitForTimeout(250);
  }
  return last;
}

async function press(page, key, times) {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("console", (m) => { if (m.type() === "error") report.console.push(m.text().slice(0, 300)); });
    await page.goto(`${base}/lab/tree/${notebook}?reset`, { timeout: 120000 });
    await page.waitForSelector("#jupyterlab-splash", { state: "detached", timeout: 120000 });
    await kernelIdle(page, 180000);
    step("kernel idle");
    const cells = await page.locator(".jp-CodeCell").count();
    const blurCell = await page.evaluate(() => [...document.querySelectorAll(".jp-CodeCell")]
      .findIndex((c) => (c.querySelector(".jp-InputArea-editor")?.textContent || "").includes("blur size")));
    await runAll(page, cells);
    step("ran all", { cells, blurCell });

    const blur = page.locator(".jp-CodeCell").nth(blurCell);
    await blur.locator(".widget-output img").waitFor({ timeout: 60000 });
    await page.waitForFunction((i) => {
      const img = document.querySelectorAll(".jp-CodeCell")[i].querySelector(".widget-output img");
      return img && img.complete && img.naturalWidth > 0;
    }, blurCell, { timeout: 30000 });
    const before = await imageSrc(page, blurCell);
    const readoutBefore = await blur.locator(".widget-readout").first().textContent();
    await blur.locator(".widget-output").first().screenshot({ path: path.join(outDir, "before.png") });
    step("image before", { readout: readoutBefore, sliders: await page.locator(".widget-slider").count() });

    const handle = blur.locator(".noUi-handle").first();
    await handle.click();
    await press(page, "ArrowRight", 3);
    await page.waitForFunction((i) => document.querySelectorAll(".jp-CodeCell")[i]
      .querySelector(".widget-readout")?.textContent.trim() === "6", blurCell, { timeout: 30000 });
    const after = await settle(page, blurCell);
    await blur.locator(".widget-output").first().screenshot({ path: path.join(outDir, "after.png") });
    step("image after", {
      readout: await blur.locator(".widget-readout").first().textContent(),
      srcChanged: before !== after,
      imagesInOutput: await blur.locator(".widget-output img").count(),
    });
    // back to 3: the picture is the first one again, so it follows the slider's value
    await handle.click();
    await press(page, "ArrowLeft", 3);
    await page.waitForFunction((i) => document.querySelectorAll(".jp-CodeCell")[i]
      .querySelector(".widget-readout")?.textContent.trim() === "3", blurCell, { timeout: 30000 });
    await settle(page, blurCell);
    await blur.locator(".widget-output").first().screenshot({ path: path.join(outDir, "back.png") });
    step("image back", { readout: await blur.locator(".widget-readout").first().textContent() });

    const button = page.locator("button.jupyter-button", { hasText: "Run Java" });
    await button.click();
    await page.waitForFunction(
      () => [...document.querySelectorAll(".widget-output")]
        .some((o) => o.textContent.includes("Java ran: 42 (1 click)")), null, { timeout: 30000 });
    await button.click();
    await page.waitForFunction(
      () => [...document.querySelectorAll(".widget-output")]
        .some((o) => o.textContent.includes("Java ran: 42 (2 clicks)")), null, { timeout: 30000 });
    await kernelIdle(page, 30000);
    const clickTexts = await page.evaluate(() => [...document.querySelectorAll(".widget-output")]
      .map((o) => o.textContent.trim()).filter((t) => t.includes("Java ran")));
    await page.locator("button.jupyter-button", { hasText: "Fail" }).click();
    await page.waitForFunction(() => [...document.querySelectorAll(".jp-OutputArea-output")]
      .some((o) => o.textContent.includes("listener failed on purpose")), null, { timeout: 30000 });
    await kernelIdle(page, 30000);
    step("clicked", {
      listenerErrors: await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output")]
        .map((o) => o.textContent).filter((t) => t.includes("listener failed on purpose"))),
      clickTexts, comms: await kernelComms(page),
      textField: await page.locator(".widget-text input").first().inputValue(),
    });
    await page.screenshot({ path: path.join(outDir, "ran.png"), fullPage: true });

    // reload the page: the widget manager finds the kernel's models (comm_info, then request_state per model)
    await page.evaluate(() => window.jupyterapp.commands.execute("docmanager:save"));
    await page.reload();
    await page.waitForSelector("#jupyterlab-splash", { state: "detached", timeout: 120000 });
    await kernelIdle(page, 120000);
    await blur.locator(".widget-output img").waitFor({ timeout: 60000 });
    const reloadedSrc = await settle(page, blurCell);
    const reloadedReadout = await blur.locator(".widget-readout").first().textContent();
    await blur.locator(".noUi-handle").first().click();
    await press(page, "ArrowRight", 1);
    await page.waitForFunction((i) => document.querySelectorAll(".jp-CodeCell")[i]
      .querySelector(".widget-readout")?.textContent.trim() === "4", blurCell, { timeout: 30000 });
    step("reloaded", {
      readout: reloadedReadout,
      sliders: await page.locator(".widget-slider").count(),
      buttons: await page.locator("button.jupyter-button").count(),
      movedAfterReload: (await settle(page, blurCell)) !== reloadedSrc,
      widgetErrors: await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output")]
        .map((o) => o.textContent).filter((t) => /Error displaying widget|model not found/.test(t)).length),
    });

    // not awaited in the page: the command's promise waits for the dialog below
    await page.evaluate(() => { window.jupyterapp.commands.execute("notebook:restart-kernel"); });
    const accept = page.locator(".jp-Dialog .jp-mod-accept");
    await accept.waitFor({ timeout: 30000 });
    await accept.click();
    await page.waitForTimeout(1000);
    await kernelIdle(page, 180000);
    await page.waitForTimeout(1500);
    const oldSrc = await imageSrc(page, blurCell);
    // the old views stay on the page, cut off: moving the old slider reaches no kernel and changes nothing
    await blur.locator(".noUi-handle").first().click();
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(2000);
    step("restarted", {
      comms: await kernelComms(page),
      sliders: await page.locator(".widget-slider").count(),
      buttons: await page.locator("button.jupyter-button").count(),
      oldImageUnchanged: (await imageSrc(page, blurCell)) === oldSrc,
      status: await page.locator("#jp-main-statusbar").textContent(),
    });
    await page.screenshot({ path: path.join(outDir, "restarted.png"), fullPage: true });

    await runAll(page, cells);
    await blur.locator(".widget-output img").waitFor({ timeout: 60000 });
    step("ran all again", {
      comms: await kernelComms(page),
      sliders: await page.locator(".widget-slider").count(),
      buttons: await page.locator("button.jupyter-button").count(),
      readout: await blur.locator(".widget-readout").first().textContent(),
      errors: await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count(),
      widgetErrors: await page.evaluate(() => [...document.querySelectorAll(".jp-OutputArea-output")]
        .map((o) => o.textContent).filter((t) => /Error displaying widget|model not found/.test(t)).length),
    });
    await page.screenshot({ path: path.join(outDir, "final.png"), fullPage: true });
    report.ok = true;
  } catch (e) {
    report.error = String(e && e.stack || e).slice(0, 3000);
  } finally {
    step("done");
    await browser.close();
  }
})();
