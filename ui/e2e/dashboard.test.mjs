// End-to-end journey through the dashboard in real (Debian) Chromium, driven by playwright-core.
//
//   BERTH_URL=http://localhost:8080 BERTH_ADMIN_EMAIL=… BERTH_ADMIN_PASSWORD=… npm run e2e
//
// Without BERTH_URL the script starts e2e/mock-server.mjs (the API contract in memory) serving
// the built dashboard from dist/ (run `npm run build` first), so it also works before the
// runtime exists. Other settings: CHROMIUM (browser binary, default /usr/bin/chromium),
// E2E_SCREENSHOTS (default e2e/screenshots), E2E_TIMEOUT_MS (longest wait for a state change,
// default 180000), E2E_SLOWMO (ms between browser actions, for watching).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = process.env.E2E_SCREENSHOTS || path.join(here, 'screenshots');
const STATE_TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 180_000);
const IP = /\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let mock;
let baseUrl;
let email;
let password;
let browser;
let context;
let page;
const problems = [];
const serverName = `e2e-${Date.now().toString(36)}`;

let broken = null;

/** A step of the journey; once one fails, the later ones are skipped instead of timing out. */
function step(t, name, fn) {
  return t.test(name, async (st) => {
    if (broken) {
      st.skip(`skipped: "${broken}" failed`);
      return;
    }
    try {
      await fn(st);
    } catch (error) {
      broken = name;
      await shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
      throw error;
    }
  });
}

async function shot(name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  if (process.env.BERTH_URL) {
    baseUrl = process.env.BERTH_URL.replace(/\/+$/, '');
    email = process.env.BERTH_ADMIN_EMAIL;
    password = process.env.BERTH_ADMIN_PASSWORD;
    assert.ok(email && password, 'set BERTH_ADMIN_EMAIL and BERTH_ADMIN_PASSWORD along with BERTH_URL');
  } else {
    const dist = path.resolve(here, '..', 'dist');
    assert.ok(existsSync(path.join(dist, 'index.html')), 'no BERTH_URL and no dist/: run `npm run build` first');
    const { startMockServer } = await import('./mock-server.mjs');
    mock = await startMockServer({ port: 0, staticDir: dist, quiet: true, stepMs: 400 });
    baseUrl = mock.url;
    email = process.env.BERTH_ADMIN_EMAIL || mock.adminEmail;
    password = process.env.BERTH_ADMIN_PASSWORD || mock.adminPassword;
  }

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    slowMo: Number(process.env.E2E_SLOWMO || 0),
  });
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    // No transitions: screenshots show modals fully drawn (the theme honours reduced motion).
    reducedMotion: 'reduce',
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await mock?.close();
});

test('dashboard journey', async (t) => {
  await step(t, 'an anonymous visit lands on the login page', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to Berth' }).waitFor();
    assert.match(page.url(), /\/login/);
    await shot('01-login');
  });

  await step(t, 'log in as the admin', async () => {
    await page.getByRole('textbox', { name: /^Email/ }).fill(email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Servers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Refresh' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Loading servers"]'));
    await shot('02-dashboard');
  });

  await step(t, 'create a server', async () => {
    await page.getByRole('link', { name: 'Create server', exact: true }).click();
    await page.getByRole('heading', { name: 'Create server' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill(serverName);
    await page.getByRole('combobox', { name: 'Image' }).click();
    await page.getByRole('option').first().click();
    const plan = page.getByRole('combobox', { name: 'Plan' });
    if (await plan.count()) {
      await plan.click();
      await page.getByRole('option').first().click();
    }
    await shot('03-create-form');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/servers') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Create server', exact: true }).click();
    const response = await created;
    assert.equal(response.status(), 202);
    assert.match(response.request().headers()['idempotency-key'] ?? '', /^[0-9a-f-]{36}$/);
    const body = await response.json();
    assert.equal(body.status, 'provisioning');
  });

  await step(t, 'it shows up at once as provisioning, then runs with an IP', async () => {
    const row = page.getByRole('row', { name: new RegExp(`\\b${serverName}\\b`) });
    await row.waitFor();
    await shot('04-provisioning');
    await row.getByText('Running', { exact: true }).waitFor({ timeout: STATE_TIMEOUT });
    const text = await row.innerText();
    assert.match(text, IP, `no IP address in the row: ${text}`);
    await shot('05-running');
  });

  await step(t, 'open it and reboot it', async () => {
    await page.getByRole('link', { name: serverName, exact: true }).click();
    await page.getByRole('heading', { name: serverName }).waitFor();
    const reboot = page.getByRole('button', { name: 'Reboot' });
    await reboot.and(page.locator(':enabled')).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Start' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Download WireGuard config' }).waitFor();
    await shot('06-detail');

    const rebooted = page.waitForResponse((r) => r.url().endsWith('/actions') && r.request().method() === 'POST');
    await reboot.click();
    const response = await rebooted;
    assert.equal(response.status(), 202);
    assert.equal((await response.json()).status, 'rebooting');
    await shot('07-rebooting');
    // Back to running: the actions come back.
    await page.getByRole('button', { name: 'Reboot' }).and(page.locator(':enabled')).waitFor({ timeout: STATE_TIMEOUT });
  });

  await step(t, 'download its WireGuard config', async (st) => {
    if (process.env.E2E_WIREGUARD === 'false') {
      st.skip('E2E_WIREGUARD=false: this runtime has no VPN gateway yet');
      return;
    }
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download WireGuard config' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /\.conf$/);
  });

  await step(t, 'terminate it, after confirming', async () => {
    await page.getByRole('button', { name: 'Terminate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terminate server?' });
    await dialog.waitFor();
    await shot('08-terminate-confirm');
    const terminated = page.waitForResponse((r) => r.request().method() === 'DELETE');
    await dialog.getByRole('button', { name: 'Terminate server' }).click();
    assert.equal((await terminated).status(), 202);
    await dialog.waitFor({ state: 'hidden' });
    // Either it settles as "terminated", or the API forgets it (404).
    await page
      .getByText('Terminated', { exact: true })
      .or(page.getByText('Server not found'))
      .first()
      .waitFor({ timeout: STATE_TIMEOUT });
    await shot('09-terminated');
  });

  await step(t, 'on a phone the list turns into cards that fit the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: '← All servers' }).click();
    await page.getByRole('list', { name: 'Servers' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await shot('10-phone-dashboard');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await step(t, 'a reload keeps the session; logging out ends it', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Servers', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Berth' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('berth.session')), null);
    await page.goto(`${baseUrl}/servers`);
    await page.getByRole('heading', { name: 'Sign in to Berth' }).waitFor();
  });

  await t.test('no console errors or warnings on the way', () => {
    assert.deepEqual(problems, []);
  });
});
