// The Functions panel: opened from the toolbar or with F1, searched, an entry expanded by keyboard;
// its count is the registry's (read here in Node from the same source the worker was built from).
import { expect, test } from '@playwright/test';
import { openNotebook } from './notebookPage.ts';
import { allBuiltins } from '../src/engine/builtins/index.ts';

const ARTIFACTS = 'e2e-artifacts';

test.describe('functions panel', () => {
  test('lists every builtin by family, searches "fft" and expands its doc', async ({ page }) => {
    const problems = await openNotebook(page);
    const total = allBuiltins().length;
    expect(total).toBeGreaterThan(300);

    await expect(page.getByTestId('help-panel')).toHaveCount(0);
    await page.getByTestId('toggle-help').click();
    const panel = page.getByTestId('help-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('toggle-help')).toHaveAttribute('aria-pressed', 'true');

    // The total is the registry's, and every builtin is listed once, under its family.
    await expect(page.getByTestId('help-total')).toHaveText(`${total} functions`);
    await expect(panel.getByTestId('help-entry')).toHaveCount(total);
    const familyCounts = await panel.locator('[data-testid="help-family"] .help-family-count').allTextContents();
    expect(familyCounts.length).toBeGreaterThan(5);
    expect(familyCounts.reduce((n, c) => n + Number(c), 0)).toBe(total);

    // The search box has the focus: type into it.
    const search = page.getByTestId('help-search');
    await expect(search).toBeFocused();
    await page.keyboard.type('fft');
    await expect(page.getByTestId('help-matches')).toContainText(/\d+ match/);
    const fft = panel.locator('[data-testid="help-entry"][data-name="fft"]');
    await expect(fft).toBeVisible();
    await expect(fft).toContainText('Y = fft(X)');
    expect(await panel.getByTestId('help-entry').count()).toBeLessThan(total);
    await expect(page.getByTestId('help-total')).toHaveText(`${total} functions`);

    // Keyboard only: Tab to the first entry's button, Enter expands it.
    const order = await panel.getByTestId('help-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    await page.keyboard.press('Tab');
    const firstHead = panel.getByTestId('help-entry').first().locator('button');
    await expect(firstHead).toBeFocused();
    await expect(firstHead).toHaveAttribute('aria-expanded', 'false');
    // Tab on to fft's entry, then Enter.
    for (let i = 0; i < order.indexOf('fft'); i++) await page.keyboard.press('Tab');
    await expect(fft.locator('button')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(fft.locator('button')).toHaveAttribute('aria-expanded', 'true');
    const details = fft.getByTestId('help-details');
    await expect(details).toContainText('Discrete Fourier transform');
    await expect(details).toContainText('Y = fft(X, n)');
    await expect(details).toContainText('Y = fft(X, n, dim)');
    await page.screenshot({ path: `${ARTIFACTS}/help-panel.png` });

    // A search with no hits says so; Escape clears the search, a second Escape closes the panel.
    await search.fill('nosuchfunctionxyz');
    await expect(panel).toContainText('No function matches');
    await expect(page.getByTestId('help-matches')).toHaveText('no matches');
    await search.press('Escape');
    await expect(search).toHaveValue('');
    await expect(panel.getByTestId('help-entry')).toHaveCount(total);
    await search.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('toggle-help')).toHaveAttribute('aria-pressed', 'false');
    expect(problems).toEqual([]);
  });

  test('F1 toggles the panel from a cell editor and gives the focus back', async ({ page }) => {
    const problems = await openNotebook(page);
    const editor = page.getByTestId('cell-editor').first();
    await editor.locator('.view-lines').click();
    const input = editor.locator('textarea, .native-edit-context').first();
    await expect(input).toBeFocused();

    await page.keyboard.press('F1');
    await expect(page.getByTestId('help-panel')).toBeVisible();
    await expect(page.getByTestId('help-search')).toBeFocused();
    // Monaco's own F1 (its command palette) did not open.
    await expect(page.locator('.quick-input-widget:visible')).toHaveCount(0);

    await page.keyboard.press('F1');
    await expect(page.getByTestId('help-panel')).toHaveCount(0);
    await expect(input).toBeFocused();
    // Typing still goes into the cell.
    await page.keyboard.type('x = 1');
    await expect(editor).toContainText('x = 1');
    expect(problems).toEqual([]);
  });
});
