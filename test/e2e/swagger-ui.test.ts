// Swagger UI at /docs, driven as a person would: open the claims list, Try it out with a filter,
// Execute, read the answer. Runs Debian's Chromium (never a downloaded browser); CI installs it.
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createKey } from '../../src/auth/keys.js';
import { seededApp } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOT = '/tmp/swagger-ui.png';
/** The parameter typed into Try it out; any listClaims query parameter works here. */
const FILTER = { name: 'stance', value: 'denies' };

let app: FastifyInstance | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await app?.close();
});

/** Try it out pre-fills every parameter that has an example: empty them all but the one under test. */
async function setOnlyParameter(operation: Locator, name: string, value: string): Promise<void> {
  for (const input of await operation.locator('.parameters tr[data-param-name] input[type="text"]').all()) await input.fill('');
  const row = operation.locator(`.parameters tr[data-param-name="${name}"][data-param-in="query"]`);
  const select = row.locator('select');
  if (await select.count()) await select.selectOption(value);
  else await row.locator('input').fill(value);
}

/** Serves a seeded app on 127.0.0.1 and opens /docs in Chromium; page errors are collected. */
async function openDocs(ctx: { skip: (note: string) => void }) {
  if (!existsSync(CHROMIUM) && !process.env.CI) ctx.skip(`${CHROMIUM} is missing: apt-get install chromium (CI installs it and runs this test)`);
  const seeded = await seededApp();
  app = seeded.app;
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${base}/docs`);
  return { base, page, pageErrors, db: seeded.db };
}

describe('Swagger UI at /docs', () => {
  it('runs listClaims with a filter through Try it out and shows the claims the API returns', async (ctx) => {
    const { base, page, pageErrors } = await openDocs(ctx);
    const operation = page.locator('#operations-claims-listClaims');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await setOnlyParameter(operation, FILTER.name, FILTER.value);
    await operation.getByRole('button', { name: 'Execute' }).click();

    const response = operation.locator('.live-responses-table tbody .response');
    await response.locator('.response-col_status').waitFor();
    expect((await response.locator('.response-col_status').textContent())?.trim()).toBe('200');
    const requestUrl = await operation.locator('.request-url pre').textContent();
    expect(requestUrl).toBe(`${base}/v1/claims?${FILTER.name}=${encodeURIComponent(FILTER.value)}`);

    const shown = JSON.parse((await response.locator('.response-col_description pre').first().textContent()) ?? '');
    const direct = await (await fetch(requestUrl!)).json() as { data: { id: string }[] };
    expect(direct.data.length).toBeGreaterThan(0);
    expect(shown).toEqual(direct);
    expect(shown.data[0].id).toMatch(/^[a-z0-9-]+$/);

    await response.scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('authorizes with an editor key and creates a claim through Try it out', async (ctx) => {
    const { base, page, pageErrors, db } = await openDocs(ctx);
    const key = createKey(db, 'desk', 'editor');

    await page.getByRole('button', { name: /Authorize/ }).first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(key);
    await dialog.getByRole('button', { name: 'Apply credentials' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();

    const operation = page.locator('#operations-claims-createClaim');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    const claim = {
      article_id: 'csm-2024-10-18-is-that-true', quote: 'another piece of fake news', claimant: 'dmitry-peskov',
      text: 'Peskov called the reports fake news (entered through Swagger UI).', stance: 'denies', certainty: 'stated',
      claimed_on: '2024-10', topic: 'nk-troops-in-combat',
    };
    await operation.locator('textarea.body-param__text').fill(JSON.stringify(claim, null, 2));
    await operation.getByRole('button', { name: 'Execute' }).click();

    const response = operation.locator('.live-responses-table tbody .response');
    await response.locator('.response-col_status').waitFor();
    const shown = (await response.locator('.response-col_description pre').first().textContent()) ?? '';
    expect((await response.locator('.response-col_status').textContent())?.trim(), shown).toBe('201');
    const created = JSON.parse(shown) as { id: string; quote: { exact: string }; version: number };
    expect(created).toMatchObject({ quote: { exact: 'another piece of fake news' }, version: 1 });
    const stored = await (await fetch(`${base}/v1/claims/${created.id}`)).json() as { text: string };
    expect(stored.text).toBe(claim.text);
    const history = await (await fetch(`${base}/v1/claims/${created.id}/history`)).json() as { data: { actor: string }[] };
    expect(history.data.map((r) => r.actor)).toEqual(['desk']);

    await response.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/swagger-ui-authorize.png' });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
