// Shared by the browser tests: open the notebook and wait until the engine is ready. Returns the
// page errors seen from then on (a test can assert there were none).
import { expect, type Page } from '@playwright/test';

export async function openNotebook(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto('/');
  await expect(page.getByTestId('cell')).toHaveCount(1);
  await expect(page.getByTestId('cell-editor').first().locator('.view-lines')).toBeVisible();
  await page.waitForFunction(() => window.matbook !== undefined);
  await page.evaluate(() => window.matbook?.ready);
  await expect(page.getByTestId('engine-state')).toHaveText(/idle|busy/);
  return problems;
}

/** Clicks into the editor of cell `index` and types, as a user would. */
export async function typeInCell(page: Page, index: number, text: string): Promise<void> {
  const editor = page.getByTestId('cell-editor').nth(index);
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
  await page.keyboard.type(text);
}

export function cell(page: Page, index: number) {
  return page.getByTestId('cell').nth(index);
}

/** The element that has the keyboard when cell `index`'s editor is focused (edit mode). */
export function editorInput(page: Page, index: number) {
  return page.getByTestId('cell-editor').nth(index).locator('textarea, .native-edit-context').first();
}

/**
 * Escape from cell `index`'s editor into command mode (the cell element focused). A suggestion
 * list that popped up while typing takes the first Escape, so press until the cell has the focus.
 */
export async function leaveEditor(page: Page, index: number): Promise<void> {
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(cell(page, index)).toBeFocused({ timeout: 500 });
  }).toPass();
}

/** The text of cell `index`'s editor, as Monaco shows it (its view lines in top-to-bottom order). */
export async function cellSource(page: Page, index: number): Promise<string> {
  const lines = page.getByTestId('cell-editor').nth(index).locator('.view-line');
  return lines.evaluateAll((elements) =>
    elements
      .map((element) => ({ top: parseFloat((element as HTMLElement).style.top) || 0, text: element.textContent ?? '' }))
      .sort((x, y) => x.top - y.top)
      .map((line) => line.text.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}
