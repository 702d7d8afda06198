// Opens an `arachne report` page in headless Chromium and checks what a reader relies on: the page loads
// nothing but itself, logs no error or warning, throws nothing, draws every section and a timeline bar in
// each process lane, and renders to a screenshot that is not blank.
//
//   node check_report.mjs REPORT.html SHOT.png
//
// Exit status 0 when every check passes, 1 when one fails (each failure on standard error), 2 for a usage
// error. A summary of what was seen goes to standard output as one JSON line.
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
// No sandbox: the tests run as root in containers, where Chromium's sandbox cannot start. The rest keep
// the browser from reaching the network on its own (updates, sync, QUIC probes, first-run pages).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECTIONS = ['summary', 'timeline', 'throughput', 'statuses', 'depths', 'content-types', 'errors', 'hosts',
  'slowest'];
const MIN_PAGE_HEIGHT = 500;   // px: a header and a timeline alone are taller
const MIN_PNG_BYTES = 20000;   // a blank full-page PNG compresses to a few kB
const MIN_COLOURS = 8;         // distinct colours among sampled pixels: text, bars, bands, header
const TIMEOUT_MS = 60000;

const failures = [];
const fail = (message) => failures.push(message);

async function main() {
  const [report, shot] = process.argv.slice(2);
  if (!report || !shot) {
    console.error('usage: node check_report.mjs REPORT.html SHOT.png');
    return 2;
  }
  const pageUrl = pathToFileURL(path.resolve(report)).href;
  const profile = await mkdtemp(path.join(tmpdir(), 'arachne-report-check-'));
  let context;
  try {
    // A persistent context is how Playwright takes a --user-data-dir of our choosing: a fresh one per run.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1, timeout: TIMEOUT_MS,
    });
    const summary = await checkPage(context, pageUrl, shot);
    console.log(JSON.stringify(summary));
  } catch (error) {
    fail(`the check itself failed: ${error.message}`);
  } finally {
    if (context) await context.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  }
  for (const failure of failures) console.error(`check_report: ${failure}`);
  return failures.length === 0 ? 0 : 1;
}

// Any request but the page's own file fails the check, and is refused before it leaves the browser.
async function watchNetwork(context, page, pageUrl) {
  await context.route('**/*', (route) => {
    if (route.request().url() === pageUrl) return route.continue();
    fail(`request blocked: ${route.request().url()}`);
    return route.abort();
  });
  context.on('request', (request) => {
    if (request.url() !== pageUrl) fail(`request made: ${request.url()}`);
  });
  context.on('requestfailed', (request) => {
    if (request.url() === pageUrl) fail(`the page itself failed to load: ${request.failure()?.errorText}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      fail(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => fail(`page error: ${error.message}`));
}

async function checkPage(context, pageUrl, shot) {
  const page = context.pages()[0] ?? await context.newPage();
  await watchNetwork(context, page, pageUrl);
  await page.goto(pageUrl, { waitUntil: 'load', timeout: TIMEOUT_MS });

  const missing = await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), SECTIONS);
  if (missing.length > 0) fail(`sections missing: ${missing.join(', ')}`);
  const lanes = await checkTimeline(page);
  const badAttributes = await page.evaluate(() => [...document.querySelectorAll('svg *')].flatMap(
    (element) => [...element.attributes].filter((a) => /NaN|Infinity/.test(a.value))
      .map((a) => `<${element.tagName} ${a.name}="${a.value}">`)));
  if (badAttributes.length > 0) fail(`SVG attributes that are not numbers: ${badAttributes.slice(0, 5).join(' ')}`);

  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height <= MIN_PAGE_HEIGHT) fail(`the page is ${height} px tall, expected more than ${MIN_PAGE_HEIGHT}`);
  await page.screenshot({ path: shot, fullPage: true });
  const pngBytes = (await stat(shot)).size;
  if (pngBytes <= MIN_PNG_BYTES) fail(`the screenshot is ${pngBytes} bytes, expected more than ${MIN_PNG_BYTES}`);
  const colours = await countColours(context, shot);
  if (colours < MIN_COLOURS) fail(`the screenshot has ${colours} colours, expected at least ${MIN_COLOURS}`);
  return { lanes, height, pngBytes, colours };
}

// The timeline chart is drawn and sized, has lanes, and each lane has a busy bar inside the view box.
async function checkTimeline(page) {
  const timeline = await page.evaluate(() => {
    const svg = document.getElementById('timeline-chart');
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    const width = svg.viewBox.baseVal.width;
    const lanes = [...svg.querySelectorAll('g.lane')].map((lane) => {
      const bars = [...lane.querySelectorAll('rect.busy')];
      const outside = bars.filter((bar) => bar.x.baseVal.value < 0 ||
        bar.x.baseVal.value + bar.width.baseVal.value > width + 0.01).length;
      return { bars: bars.length, outside };
    });
    return { width: box.width, height: box.height, lanes };
  });
  if (!timeline) {
    fail('no timeline chart (svg#timeline-chart)');
    return [];
  }
  if (timeline.width < 100 || timeline.height < 50) {
    fail(`the timeline is drawn ${timeline.width} x ${timeline.height} px`);
  }
  if (timeline.lanes.length === 0) fail('the timeline has no process lanes');
  timeline.lanes.forEach((lane, i) => {
    if (lane.bars === 0) fail(`timeline lane ${i + 1} has no busy bar`);
    if (lane.outside > 0) fail(`timeline lane ${i + 1} has ${lane.outside} bars outside the chart`);
  });
  return timeline.lanes.map((lane) => lane.bars);
}

// Distinct colours among a grid of sampled pixels of the screenshot, decoded by the browser itself in a
// blank page (a Blob, not a URL: nothing is requested).
async function countColours(context, shot) {
  const base64 = (await readFile(shot)).toString('base64');
  const blank = await context.newPage();
  try {
    return await blank.evaluate(async (data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context2d = canvas.getContext('2d');
      context2d.drawImage(bitmap, 0, 0);
      const { data: pixels } = context2d.getImageData(0, 0, bitmap.width, bitmap.height);
      const seen = new Set();
      const step = Math.max(1, Math.floor(Math.sqrt((bitmap.width * bitmap.height) / 40000)));
      for (let y = 0; y < bitmap.height; y += step) {
        for (let x = 0; x < bitmap.width; x += step) {
          const i = (y * bitmap.width + x) * 4;
          seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        }
      }
      return seen.size;
    }, base64);
  } finally {
    await blank.close();
  }
}

const watchdog = setTimeout(() => {
  console.error(`check_report: no answer in ${TIMEOUT_MS * 2 / 1000} s`);
  process.exit(1);
}, TIMEOUT_MS * 2);
const status = await main();
clearTimeout(watchdog);
process.exit(status);
