// The Workspace panel: the variables of the shared workspace with their class, size, bytes and
// residency (cpu, gpu, gpu·f32 on SwiftShader's WebGPU adapter), refreshed after each cell run; a
// row shows its variable's display text; Restart empties it; only one side panel is open at a time.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openNotebook } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';

/** Clicks into the editor of cell `index` and types, as a user would. */
async function typeInCell(page: Page, index: number, text: string): Promise<void> {
  const editor = page.getByTestId('cell-editor').nth(index);
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
  await page.keyboard.type(text);
  await expect(editor).toContainText(text);
}

function row(panel: Locator, name: string): Locator {
  return panel.locator(`[data-testid="workspace-row"][data-name="${name}"]`);
}

function column(r: Locator, col: string): Locator {
  return r.locator(`[data-col="${col}"]`);
}

test.describe('workspace panel', () => {
  test('lists variables with class, size, bytes and residency, previews one, and empties on Restart', async ({ page }) => {
    const problems = await openNotebook(page);

    // Open before anything ran: the workspace is empty.
    await expect(page.getByTestId('workspace-panel')).toHaveCount(0);
    await page.getByTestId('toggle-workspace').click();
    const panel = page.getByTestId('workspace-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('toggle-workspace')).toHaveAttribute('aria-pressed', 'true');
    await expect(panel.getByTestId('workspace-empty')).toBeVisible();
    await expect(panel.getByTestId('workspace-row')).toHaveCount(0);

    // A run refreshes the open panel.
    await typeInCell(page, 0, "a = [1 2; 3 4]; s = 'text'; g = gpuArray(single(1:5000)) * 2;");
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByTestId('cell').first()).toHaveAttribute('data-status', 'done');
    await expect(panel.getByTestId('workspace-row')).toHaveCount(3);
    expect(await panel.getByTestId('workspace-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['a', 'g', 's']);

    const a = row(panel, 'a');
    await expect(column(a, 'class')).toHaveText('double');
    await expect(column(a, 'size')).toHaveText('2×2');
    await expect(column(a, 'bytes')).toHaveText('32 bytes');
    await expect(a.getByTestId('workspace-residency')).toHaveText('cpu');
    await expect(column(a, 'summary')).not.toBeEmpty();

    const s = row(panel, 's');
    await expect(column(s, 'class')).toHaveText('char');
    await expect(column(s, 'size')).toHaveText('1×4');
    await expect(s.getByTestId('workspace-residency')).toHaveText('cpu');

    const g = row(panel, 'g');
    await expect(column(g, 'class')).toHaveText('single');
    await expect(column(g, 'size')).toHaveText('1×5000');
    await expect(column(g, 'bytes')).toHaveText('20 KB'); // 5000 × 4 bytes
    await expect(g.getByTestId('workspace-residency')).toHaveText('gpu');
    await expect(g).toHaveAttribute('data-residency', 'gpu');
    await expect(page.getByTestId('workspace-total')).toHaveText(/^3 variables, /);

    // A big double computed under the `auto` policy lives on the GPU in f32.
    await typeInCell(page, 1, 'd = linspace(0, 1, 5000) * 3;');
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByTestId('cell').nth(1)).toHaveAttribute('data-status', 'done');
    const d = row(panel, 'd');
    await expect(d).toBeVisible();
    await expect(column(d, 'class')).toHaveText('double');
    await expect(column(d, 'size')).toHaveText('1×5000');
    const f32 = d.getByTestId('workspace-residency');
    await expect(f32).toHaveText('gpu·f32');
    await expect(f32).toHaveAttribute('title', 'double computed in f32 on the GPU');
    await expect(panel.getByTestId('workspace-row')).toHaveCount(4);

    // Clicking a row shows its display text below the table.
    await expect(panel.getByTestId('workspace-preview')).toHaveCount(0);
    await a.click();
    await expect(a).toHaveClass(/selected/);
    const preview = panel.getByTestId('workspace-preview');
    await expect(preview).toContainText('a =');
    await expect(preview).toContainText('1     2');
    await expect(preview).toContainText('3     4');
    await page.screenshot({ path: `${ARTIFACTS}/workspace-panel.png` });

    // Keyboard: arrow down to the next row, Enter shows it (a GPU array, read back).
    await page.keyboard.press('ArrowDown');
    await expect(row(panel, 'd')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(g).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(g).toHaveClass(/selected/);
    await expect(preview).toContainText('g =');
    await expect(preview).toContainText('Columns');

    // Sorting by bytes, largest first: d and g (5000 f32 values on the GPU each; ties go by name), a, s.
    const bytesHeader = panel.getByRole('button', { name: 'Bytes' });
    await bytesHeader.click();
    await bytesHeader.click();
    expect(await panel.getByTestId('workspace-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['d', 'g', 'a', 's']);

    // Restart empties the panel (and the preview goes with the variable).
    await page.getByTestId('restart').click();
    await expect(panel.getByTestId('workspace-row')).toHaveCount(0);
    await expect(panel.getByTestId('workspace-empty')).toBeVisible();
    await expect(panel.getByTestId('workspace-preview')).toHaveCount(0);
    await expect(page.getByTestId('engine-state')).toHaveText(/idle/);
    await expect(panel.getByTestId('workspace-row')).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('one side panel at a time; Escape closes the workspace panel', async ({ page }) => {
    const problems = await openNotebook(page);
    await page.getByTestId('toggle-workspace').click();
    await expect(page.getByTestId('workspace-panel')).toBeVisible();

    // Opening Functions closes Workspace, and back.
    await page.getByTestId('toggle-help').click();
    await expect(page.getByTestId('help-panel')).toBeVisible();
    await expect(page.getByTestId('workspace-panel')).toHaveCount(0);
    await expect(page.getByTestId('toggle-workspace')).toHaveAttribute('aria-pressed', 'false');
    await page.getByTestId('toggle-workspace').click();
    await expect(page.getByTestId('workspace-panel')).toBeVisible();
    await expect(page.getByTestId('help-panel')).toHaveCount(0);

    // The panel has the focus: Escape closes it. The toolbar button closes it too.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('workspace-panel')).toHaveCount(0);
    await page.getByTestId('toggle-workspace').click();
    await expect(page.getByTestId('workspace-panel')).toBeVisible();
    await page.getByTestId('toggle-workspace').click();
    await expect(page.getByTestId('workspace-panel')).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
