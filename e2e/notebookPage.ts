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
