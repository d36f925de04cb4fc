// Drives the Tidings web page in Debian's headless chromium (playwright-core).
// Usage: node test.mjs BASE_URL EXAMPLE_ARTICLE SCREENSHOT_PNG
// Exits non-zero on the first failed check.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, examplePath, shot] = process.argv.slice(2);
if (!base || !examplePath || !shot) {
  console.error('usage: node test.mjs BASE_URL EXAMPLE_ARTICLE SCREENSHOT_PNG');
  process.exit(2);
}
const example = readFileSync(examplePath, 'utf8');
// Where the example's main city is (the test may name it; the product may not).
const TARGET = { name: 'Kandahar', lat: 31.61, lon: 65.71, km: 100 };

let failures = 0;
function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ' — ' + detail : ''}`);
  if (!ok) failures += 1;
}
function km(a, b) {
  const r = Math.PI / 180, dLat = (b.lat - a.lat) * r, dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

// playwright-core's launch() gives chromium a new empty profile directory of its own.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(base + '/', { waitUntil: 'load' });

  // Map, basemap, markers, timeline.
  await page.waitForFunction(() => document.body.dataset.loads && document.body.dataset.basemap, null, { timeout: 20000 });
  check(await page.evaluate(() => document.body.dataset.basemap) === 'ready', 'offline basemap of country outlines drawn');
  const outlines = await page.locator('#map path.leaflet-interactive, #map svg path').count();
  check(outlines > 100, 'country outlines in the map', `${outlines} paths`);
  const mapped = await page.evaluate(() => window.tidings.mappedEvents());
  check(mapped > 0, 'events loaded onto the map', `${mapped} events`);
  const markers = await page.locator('.ev-marker, .ev-cluster').count();
  check(markers > 0, 'event markers or clusters rendered', `${markers} in the DOM`);
  const bars = await page.locator('#timeline rect.bar').count();
  check(bars > 1, 'timeline histogram rendered', `${bars} bars`);

  // Brushing the timeline filters the map.
  if (bars > 1) {
    const box = await page.locator('#timeline').boundingBox();
    const first = await page.locator('#timeline rect.bar').first().boundingBox();
    await page.mouse.move(first.x + first.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(first.x + first.width / 2 + 2, box.y + box.height / 2);
    await page.mouse.up();
    const shown = await page.evaluate(() => window.tidings.shownEvents());
    check(shown > 0 && shown < mapped, 'brushing the timeline filters the map', `${shown} of ${mapped} shown`);
    check(await page.locator('#timeline rect.brush').count() === 1, 'brush drawn');
    await page.locator('#timeline').dblclick();
    check(await page.evaluate(() => window.tidings.shownEvents()) === mapped, 'double-click clears the brush');
  }

  // A filter reloads from the API.
  const firstType = await page.locator('#f-type option').nth(1).getAttribute('value').catch(() => null);
  if (firstType) {
    const loads = await page.evaluate(() => Number(document.body.dataset.loads));
    await page.selectOption('#f-type', firstType);
    await page.waitForFunction((n) => Number(document.body.dataset.loads) > n, loads);
    const types = await page.evaluate(() => window.tidings.mappedEvents());
    check(types > 0 && types <= mapped, `type filter ${firstType}`, `${types} events`);
    await page.selectOption('#f-type', '');
    await page.waitForFunction((n) => Number(document.body.dataset.loads) > n + 1, loads);
  }

  // A stored article opens with highlights.
  const docLinks = await page.locator('#docs a').count();
  check(docLinks > 0, 'stored articles listed', `${docLinks}`);
  if (docLinks > 0) {
    await page.locator('#docs-box summary').click();
    await page.locator('#docs a').first().click();
    await page.waitForSelector('#doc .text');
    check(await page.locator('#doc .a').count() > 0, 'stored article shows highlights');
  }

  // Paste the example article and see it extracted live.
  await page.fill('#paste-text', example);
  await page.click('#paste-go');
  await page.waitForFunction(() => document.body.dataset.pasted || document.querySelector('#paste-status.error'), null, { timeout: 60000 });
  const status = await page.textContent('#paste-status');
  check(!(await page.locator('#paste-status.error').count()), 'paste box extraction succeeded', status);
  const places = page.locator('#doc .a-place', { hasText: TARGET.name });
  const hits = await places.count();
  check(hits > 0, `${TARGET.name} highlighted as a place`, `${hits} highlights`);
  if (hits > 0) {
    await places.first().hover();
    const tip = await page.textContent('#tip');
    check(/-?\d+\.\d+, -?\d+\.\d+/.test(tip || ''), 'hover shows the resolved place', JSON.stringify(tip));
  }
  for (const k of ['time', 'actor', 'trigger', 'quote']) {
    const n = await page.locator(`#doc .a-${k}`).count();
    console.log(`info ${k} highlights: ${n}`);
  }
  const pasted = await page.evaluate(() => window.tidings.pastedMarkers());
  const near = pasted.filter((p) => km(p, TARGET) <= TARGET.km);
  check(near.length > 0, `a marker within ${TARGET.km} km of ${TARGET.name}`,
    near.map((p) => `${p.name} ${p.lat.toFixed(2)},${p.lon.toFixed(2)}`).join('; ') || `${pasted.length} pasted markers`);
  check(await page.locator('.pasted-marker').count() > 0, 'pasted markers drawn');

  await page.mouse.move(5, 5);
  await page.waitForTimeout(400); // let map tiles of outlines settle after fitBounds
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  check(errors.length === 0, 'no page errors', errors.slice(0, 5).join(' | '));
} catch (e) {
  check(false, 'browser test ran to the end', String(e));
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
