// Lighthouse (npm, pinned in package-lock.json) on pages of the locally served book, in Debian's
// Chromium, headless and cut off from every host but this machine: one browser for all the pages.
// Called by qa.lighthouse (the tests and `make bench`), not by hand:
//   node scripts/lighthouse.mjs OUTPUT_DIR CATEGORIES FORM_FACTOR SETTLE URL...
// writes OUTPUT_DIR/<n>.json, the full Lighthouse report of the n-th URL (from 0).
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [outputDir, categories, formFactor, settle, ...urls] = process.argv.slice(2);
// 'short': shorter waits after load (Lighthouse's are 1 s each) for scores that do not time the page.
const waits = settle === 'short'
  ? {pauseAfterFcpMs: 100, pauseAfterLoadMs: 100, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250}
  : {};
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Only the flags below: chrome-launcher's defaults would also be added, and they are harmless.
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
    '--disable-sync', '--disable-extensions', '--no-first-run', '--metrics-recording-only',
    '--disable-domain-reliability', '--disable-client-side-phishing-detection',
    // Any name but this machine resolves to nothing, so nothing remote can be fetched.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  ],
});
try {
  fs.mkdirSync(outputDir, {recursive: true});
  for (const [number, url] of urls.entries()) {
    // The weight and the list of requests are diagnostics outside the categories: asked for by name.
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories.split(','),
                   onlyAudits: ['network-requests', 'total-byte-weight'], disableFullPageScreenshot: true, ...waits};
    const runner = await lighthouse(url, flags, formFactor === 'desktop' ? desktopConfig : undefined);
    fs.writeFileSync(path.join(outputDir, `${number}.json`), runner.report);
  }
} finally {
  await chrome.kill();
}
