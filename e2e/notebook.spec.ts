// The notebook as a person uses it, in Debian's Chromium with WebGPU on SwiftShader: typing into
// Monaco, Shift+Enter / Ctrl+Enter, outputs, errors, a shared workspace, Markdown cells, the status
// bar's adapter, and window.matbook (the JSON contract and the GPU self-test).
import { expect, test, type Page } from '@playwright/test';
import { cell, openNotebook, typeInCell } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';

/** Opens the notebook and checks no page error happened on the way. */
async function openCleanNotebook(page: Page): Promise<void> {
  expect(await openNotebook(page)).toEqual([]);
}

test.describe('notebook', () => {
  test.beforeEach(async ({ page }) => {
    await openCleanNotebook(page);
  });

  test('Shift+Enter runs a cell, shows MATLAB display and moves to a new cell', async ({ page }) => {
    await typeInCell(page, 0, 'A = [1 2; 3 4] * 2');
    await expect(page.getByTestId('cell-editor').first()).toContainText('A = [1 2; 3 4] * 2');
    await page.keyboard.press('Shift+Enter');

    const output = cell(page, 0).getByTestId('cell-output');
    await expect(output).toContainText('A =');
    await expect(output).toContainText('2     4');
    await expect(output).toContainText('6     8');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    await expect(cell(page, 0).getByTestId('cell-timings')).toContainText('wall');

    // A new code cell was created after the last one, and it has the focus.
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 1).locator('textarea, .native-edit-context').first()).toBeFocused();
    await page.screenshot({ path: `${ARTIFACTS}/display.png`, fullPage: true });
  });

  test('the status bar shows a WebGPU adapter and the page is cross-origin isolated', async ({ page }) => {
    const adapter = page.getByTestId('status-adapter');
    await expect(adapter).toContainText(/^WebGPU: /);
    await expect(adapter).not.toContainText('no WebGPU');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/status-bar.png` });
  });

  test('window.matbook.selfTest runs the elementwise WGSL kernel in the worker and matches the CPU', async ({ page }) => {
    const result = await page.evaluate(() => window.matbook!.selfTest());
    expect(result.adapter.available).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.n).toBeGreaterThan(0);
    // f32 on the GPU against f64 on the CPU: a few f32 ulps.
    expect(result.maxAbsDiff).toBeLessThan(1e-4);
    expect(result.kernel?.name).toBe('elementwise');
    expect(result.kernel?.gpuUs).toBeGreaterThanOrEqual(0);
  });

  test('window.matbook.run returns the JSON contract', async ({ page }) => {
    const result = await page.evaluate(() => window.matbook!.run('x = 1 + 2;', { gpu: 'off' }));
    expect(result.error).toBeNull();
    expect(result.vars).toEqual({ x: { class: 'double', size: [1, 1], data: [3] } });
    // It ran beside the notebook without touching its cells.
    await expect(page.getByTestId('cell-output')).toHaveCount(0);
  });

  test('an error shows its line, and the workspace survives it', async ({ page }) => {
    await typeInCell(page, 0, 'w = 7;');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');

    await typeInCell(page, 1, 'y = undefined_thing + 1');
    await page.keyboard.press('Shift+Enter');
    const error = cell(page, 1).getByTestId('cell-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText(/^Error \(line 1(, column \d+)?\): /);
    await expect(error).toContainText('undefined_thing');
    await expect(cell(page, 1)).toHaveAttribute('data-status', 'error');

    await typeInCell(page, 2, 'v = w + 1');
    await page.keyboard.press('Shift+Enter');
    const output = cell(page, 2).getByTestId('cell-output');
    await expect(output).toContainText('v =');
    await expect(output).toContainText('8');
    await expect(cell(page, 2).getByTestId('cell-error')).toHaveCount(0);
    await page.screenshot({ path: `${ARTIFACTS}/error.png`, fullPage: true });
  });

  test('two cells share one workspace; Ctrl+Enter runs in place', async ({ page }) => {
    await typeInCell(page, 0, 'a = 3;');
    await page.keyboard.press('Shift+Enter');
    await typeInCell(page, 1, 'b = a * 2');
    await page.keyboard.press('ControlOrMeta+Enter');
    const output = cell(page, 1).getByTestId('cell-output');
    await expect(output).toContainText('b =');
    await expect(output).toContainText('6');
    // Ctrl+Enter did not create a cell, and the semicolon kept the first cell quiet.
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 0).locator('.output-display')).toHaveCount(0);
    // Execution counts follow run order.
    await expect(cell(page, 0).locator('.cell-count')).toHaveText('[1]');
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[2]');
  });

  test('Run all runs every cell in order', async ({ page }) => {
    await typeInCell(page, 0, 'n = 4;');
    await page.getByTestId('add-code').click();
    await typeInCell(page, 1, 'm = n ^ 2');
    await page.getByTestId('run-all').click();
    await expect(cell(page, 1).getByTestId('cell-output')).toContainText('16');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
  });

  test('a Markdown cell renders, sanitised, when it is not being edited', async ({ page }) => {
    await page.getByTestId('add-markdown').click();
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 1).locator('textarea, .native-edit-context').first()).toBeFocused();
    await page.keyboard.type('# Hello **world**\n\n<img src="x" onerror="window.__xss = 1">');
    await page.keyboard.press('Shift+Enter');
    const rendered = cell(page, 1).getByTestId('cell-markdown');
    await expect(rendered.locator('h1')).toHaveText('Hello world');
    await expect(rendered.locator('strong')).toHaveText('world');
    await expect(rendered.locator('img')).not.toHaveAttribute('onerror');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: `${ARTIFACTS}/markdown.png`, fullPage: true });
    // Double-click goes back to the source.
    await rendered.dblclick();
    await expect(cell(page, 1).getByTestId('cell-editor')).toBeVisible();
  });

  test('Interrupt stops a running loop and the workspace survives (shared flag)', async ({ page }) => {
    await typeInCell(page, 0, 'kept = 41;');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    await typeInCell(page, 1, 'while true, end');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 1)).toHaveAttribute('data-status', 'running');
    await expect(page.getByTestId('interrupt')).toBeEnabled();
    await page.getByTestId('interrupt').click();
    // The engine reports how it stopped (an interrupt error, normally); the cell is no longer running.
    await expect(cell(page, 1)).toHaveAttribute('data-status', /done|error/);
    await expect(cell(page, 1).getByTestId('cell-output')).not.toContainText('workspace was lost');
    await expect(page.getByTestId('engine-state')).toHaveText(/idle/);
    await page.getByTestId('add-code').click();
    await typeInCell(page, 2, 'kept + 1');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 2).getByTestId('cell-output')).toContainText('42');
    await page.screenshot({ path: `${ARTIFACTS}/interrupt-flag.png`, fullPage: true });
  });

  test('completion and hover come from the engine', async ({ page }) => {
    await typeInCell(page, 0, 'n = nume');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget');
    await expect(suggest).toBeVisible();
    await expect(suggest).toContainText('numel');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('z = zeros(2)');
    // Put the caret inside `zeros` and ask for the hover from the keyboard (Ctrl+K Ctrl+I):
    // pointing the mouse at a token span is at the mercy of how Monaco merges spans.
    await page.keyboard.press('Home');
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'zeros' });
    await expect(hover).toBeVisible();
    await expect(hover).toContainText('An array of zeros');
    await page.screenshot({ path: `${ARTIFACTS}/hover.png` });
  });

  test('kernel events are listed under the cell that ran them', async ({ page }) => {
    const source = 'x = single(1:8192); y = x .* 2 + 1; s = sum(y)';
    // The JSON contract names the kernels: one fused elementwise chain and the reduction.
    const probe = await page.evaluate((src) => window.matbook!.run(src, { gpu: 'on' }), source);
    expect(probe.kernels?.map((k) => k.name)).toEqual(expect.arrayContaining(['elementwise', 'reduction']));
    // f32 on the GPU: the sum of 2x + 1 over 1..8192 within single precision.
    expect(Math.abs((probe.vars.s.data as number[])[0] / (8192 * 8193 + 8192) - 1)).toBeLessThan(1e-5);

    await page.getByTestId('gpu-policy').selectOption('on');
    await expect(page.getByTestId('engine-state')).toHaveText(/idle/);
    await typeInCell(page, 0, source);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    const kernels = cell(page, 0).getByTestId('cell-kernels');
    await expect(kernels).toBeVisible();
    await expect(kernels.locator('tbody tr').first()).toContainText('µs');
    await expect(cell(page, 0).getByTestId('cell-timings')).toContainText('GPU');
    await page.screenshot({ path: `${ARTIFACTS}/kernels.png`, fullPage: true });
  });
});

test.describe('without cross-origin isolation', () => {
  test('Interrupt restarts the worker and says the workspace was lost', async ({ page }) => {
    // Serve the page without COOP/COEP: no SharedArrayBuffer, so no interrupt flag.
    await page.route('**/*', async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
    await openCleanNotebook(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.locator('.status-hint')).toHaveText('interrupt restarts engine');

    await typeInCell(page, 0, 'while true, end');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'running');
    await page.getByTestId('interrupt').click();
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'error');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('workspace was lost');

    // The fresh worker runs the next cell.
    await typeInCell(page, 1, 'r = 5');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 1).getByTestId('cell-output')).toContainText('r =');
    await page.screenshot({ path: `${ARTIFACTS}/interrupt-restart.png`, fullPage: true });
  });
});
