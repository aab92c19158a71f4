import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, now } from '../../src/platform/clock.ts';
import { expectAccessible, launchChromium, serveOnLoopback, signIn } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
let browser: Browser;
let baseUrl: string;
let accountId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const api = t.as('sales');
  accountId = (await api('POST', '/api/v1/accounts', { name: 'Lumen Optics', owner_id: t.userIds.sales })).json().id;
  const step = { kind: 'meeting', assignee_id: t.userIds.sales, due_at: addDays(now(), 3).toISOString() };
  const deal = async (title: string, body: Record<string, unknown>) => {
    ids[title] = (await api('POST', '/api/v1/deals', { account_id: accountId, title, ...body })).json().id;
  };
  await deal('Lens subscription', { value: 4800, stage: 'proposal', next_step: step });
  await deal('Forgotten upsell', { value: 1200, stage: 'qualified' });
  await deal('Frame order', { value: 900, currency: 'USD', stage: 'lead', next_step: step });
  baseUrl = await serveOnLoopback(t.app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t.close();
});

const column = (page: Page, stage: string) => page.getByTestId(`pipeline-column-${stage}`);
const card = (page: Page, title: string) => page.getByTestId('deal-card').filter({ hasText: title });
const statusOf = async (title: string) => (await t.as('sales')('GET', `/api/v1/deals/${ids[title]}`)).json().status;

describe('deals in the web app', () => {
  it('moves deals on the board by keyboard (asking for the missing next step) and by drag-and-drop, with totals per stage', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/pipeline`);
    await card(page, 'Lens subscription').waitFor();
    expect(await column(page, 'proposal').getByTestId('stage-total').innerText()).toBe('1 deal · €4,800');
    expect(await column(page, 'lead').getByTestId('stage-total').innerText()).toBe('1 deal · $900');
    await expectAccessible(page);

    await page.getByLabel('Move Forgotten upsell to').focus();
    await page.getByLabel('Move Forgotten upsell to').selectOption('negotiation');
    const dialog = page.getByRole('dialog', { name: /Move to Negotiation/ });
    await dialog.waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Kind').selectOption('call');
    await dialog.getByRole('button', { name: 'Move to Negotiation' }).click();
    await column(page, 'negotiation').getByRole('link', { name: 'Forgotten upsell' }).waitFor();
    await expect.poll(() => page.getByTestId('move-announcement').innerText()).toBe('Forgotten upsell moved to Negotiation.');
    expect(await card(page, 'Forgotten upsell').getByTestId('next-step').innerText()).toMatch(/Next step: Call/);

    await card(page, 'Lens subscription').dragTo(column(page, 'negotiation'));
    await column(page, 'negotiation').getByRole('link', { name: 'Lens subscription' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await column(page, 'negotiation').getByTestId('stage-total').innerText()).toBe('2 deals · €6,000');
    expect(await column(page, 'proposal').getByTestId('stage-total').innerText()).toBe('0 deals · €0');
    await page.context().close();
  });

  it('wins a deal only when the undo window passes: undo leaves it open with nothing sent', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/pipeline`);
    await page.getByLabel('Move Frame order to').selectOption('won');
    const confirm = page.getByRole('dialog', { name: 'Mark the deal as won?' });
    await confirm.getByRole('button', { name: 'Mark as won' }).click();
    await page.getByTestId('undo-toast').waitFor();
    expect(await card(page, 'Frame order').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await card(page, 'Frame order').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 6500));
    expect(await statusOf('Frame order')).toBe('open');
    const won = await t.db.selectFrom('events').select('id').where('subject_id', '=', ids['Frame order'] ?? '').where('type', '=', 'deal.won').execute();
    expect(won).toEqual([]);

    await page.getByLabel('Move Frame order to').selectOption('won');
    await confirm.getByRole('button', { name: 'Mark as won' }).click();
    await page.getByTestId('undo-toast').waitFor();
    await page.getByTestId('undo-toast').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => statusOf('Frame order')).toBe('won');
    await page.context().close();
  });

  it('shows a deal page with stage history and touches, edits it, and loses it only with a reason', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/pipeline`);
    await card(page, 'Forgotten upsell').getByRole('link', { name: 'Forgotten upsell' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten upsell' }).waitFor();
    const history = page.getByTestId('stage-history');
    await expect.poll(() => history.locator('li').allInnerTexts()).toEqual([expect.stringMatching(/^Qualified/), expect.stringMatching(/^Negotiation/)]);
    await page.getByTestId('deal-touches').getByText('Call').waitFor();
    expect(await page.getByTestId('deal-facts').innerText()).toMatch(/€1,200/);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit deal' });
    await edit.getByLabel('Value').fill('1500');
    await edit.getByLabel('Expected close date').fill('2030-06-30');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('deal-facts').innerText()).toMatch(/€1,500[\s\S]*Jun 30, 2030/);

    // A next step is planned from the deal itself, not only by moving it to another stage.
    await page.getByRole('button', { name: 'Plan next step' }).click();
    const plan = page.getByRole('dialog', { name: 'Plan the next step for Forgotten upsell' });
    await plan.getByLabel('Kind').selectOption('meeting');
    await plan.getByLabel('Subject (optional)').fill('Walk through the upsell');
    await expectAccessible(page);
    await plan.getByRole('button', { name: 'Plan next step' }).click();
    await plan.waitFor({ state: 'detached' });
    // The deal had a step planned already (the move above): the new one joins its touches.
    await page.getByTestId('deal-touches').getByText('Walk through the upsell').waitFor();
    const planned = await t.db.selectFrom('touches').innerJoin('deals', 'deals.id', 'touches.deal_id').select(['touches.kind', 'touches.status'])
      .where('deals.title', '=', 'Forgotten upsell').where('touches.subject', '=', 'Walk through the upsell').execute();
    expect(planned).toEqual([{ kind: 'meeting', status: 'planned' }]);

    await page.getByRole('button', { name: 'Mark as lost' }).click();
    const lose = page.getByRole('dialog', { name: 'Mark the deal as lost?' });
    await lose.getByRole('button', { name: 'Mark as lost' }).click();
    await lose.getByText('Say why the deal was lost.').waitFor();
    await expectAccessible(page);
    await lose.getByLabel('Why was it lost?').fill('Bought from a competitor');
    await lose.getByRole('button', { name: 'Mark as lost' }).click();
    await page.getByTestId('undo-toast').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('deal-facts').innerText()).toMatch(/Lost because\s*Bought from a competitor/);
    await page.context().close();
  });

  it('creates a deal from the account page with its first dated step', async () => {
    const page = await signIn(browser, baseUrl, 'sales');
    await page.goto(`${baseUrl}/accounts/${accountId}`);
    await page.getByRole('button', { name: 'New deal' }).click();
    const form = page.getByRole('dialog', { name: 'New deal' });
    await form.getByLabel('Title').fill('Sunglasses range');
    await form.getByLabel('Value').fill('2500');
    await form.getByLabel('Currency').selectOption('GBP');
    await form.getByLabel('Stage').selectOption('qualified');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Next: first step' }).click();
    const first = page.getByRole('dialog', { name: 'First step for Sunglasses range' });
    await first.getByRole('button', { name: 'Create deal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sunglasses range' }).waitFor();
    expect(await page.getByTestId('deal-facts').innerText()).toMatch(/£2,500[\s\S]*Qualified/);
    // Under its own heading the step is named by kind and subject.
    await page.getByTestId('next-step').getByText(/^Call: First step: Sunglasses range · due/).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});
