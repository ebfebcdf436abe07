// Rich outputs and the editor, as a person uses them, in Debian's Chromium with WebGPU on
// SwiftShader: big arrays as a virtualised grid (header, scrolling, blocks read from the engine,
// N-D pages), an error squiggled at its span, the kernel timeline and the plan view with each
// kernel's WGSL, signature help and parse markers while typing, struct field completion, the GPU
// memory in the status bar, and the light / dark themes (screenshots of both).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cell, openNotebook, typeInCell } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';

/** Types `source` into cell `index` and runs it in place (Ctrl+Enter); waits until it finished. */
async function runCell(page: Page, index: number, source: string): Promise<Locator> {
  if ((await page.getByTestId('cell').count()) <= index) await page.getByTestId('add-code').click();
  await typeInCell(page, index, source);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(cell(page, index)).toHaveAttribute('data-status', /done|error/);
  return cell(page, index);
}

/** The grid's cell at 1-based (row, col), once it is rendered. */
function gridCell(grid: Locator, row: number, col: number): Locator {
  return grid.locator(`.array-grid-cell[data-row="${row}"][data-col="${col}"]`);
}

test.describe('outputs', () => {
  test.beforeEach(async ({ page }) => {
    expect(await openNotebook(page)).toEqual([]);
  });

  test('a big array is a scrollable grid with a header; text is one click away', async ({ page }) => {
    const out = await runCell(page, 0, 'A = reshape(1:250000, 500, 500)');
    const display = out.getByTestId('array-output');
    await expect(display.getByTestId('array-grid-header')).toHaveText('A: 500×500 double · cpu');
    const viewport = display.getByTestId('array-grid-viewport');
    await expect(gridCell(display, 1, 1)).toHaveText('1');
    await expect(gridCell(display, 2, 1)).toHaveText('2');
    await expect(gridCell(display, 1, 2)).toHaveText('501');
    // Virtualised: far fewer cells in the DOM than the array has.
    expect(await display.locator('.array-grid-cell').count()).toBeLessThan(2000);
    // Scroll to the far corner: the last element is there, the first is gone from the DOM.
    await viewport.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
    await expect(gridCell(display, 500, 500)).toHaveText('250000');
    await expect(gridCell(display, 1, 1)).toHaveCount(0);
    // The keyboard scrolls it too.
    await viewport.evaluate((el) => el.scrollTo(0, 0));
    await viewport.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => viewport.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    // MATLAB's text is still there behind the switch.
    await display.getByTestId('display-view-text').click();
    await expect(display.locator('pre.output-display')).toContainText('A =');
    await display.getByTestId('display-view-grid').click();
    await expect(gridCell(display, 1, 1)).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/outputs-grid.png`, fullPage: true });
  });

  test('an array past the inline cap is read from the engine in blocks as it scrolls', async ({ page }) => {
    const out = await runCell(page, 0, 'B = reshape(1:1100000, 1100, 1000) / 4');
    const display = out.getByTestId('array-output');
    // A double this big is offloaded to the GPU by the auto policy (computed in f32) when one is there.
    await expect(display.getByTestId('array-grid-header')).toHaveText(/^B: 1100×1000 double · (cpu|gpu·f32)$/);
    // Format short for the whole array: the largest element needs an exponent, so every cell has one.
    await expect(gridCell(display, 1, 1)).toHaveText('2.5000e-01');
    await display.getByTestId('array-grid-viewport').evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
    await expect(gridCell(display, 1100, 1000)).toHaveText('2.7500e+05');
    await expect(display.locator('.array-grid-cell.pending')).toHaveCount(0);
  });

  test('N-D arrays show one page at a time; GPU arrays say where they live', async ({ page }) => {
    const out = await runCell(page, 0, 'P = reshape(1:600, 10, 10, 6)\nG = gpuArray(single(reshape(1:400, 20, 20)))');
    const pages = out.getByTestId('array-output').first();
    await expect(pages.getByTestId('page-subscript')).toHaveText('P(:,:,1)');
    await expect(gridCell(pages, 1, 1)).toHaveText('1');
    await pages.getByRole('button', { name: 'Next page' }).click();
    await expect(pages.getByTestId('page-subscript')).toHaveText('P(:,:,2)');
    await expect(gridCell(pages, 1, 1)).toHaveText('101');
    await pages.getByTestId('page-input').fill('6');
    await expect(gridCell(pages, 10, 10)).toHaveText('600');
    const gpu = out.getByTestId('array-output').nth(1);
    await expect(gpu.getByTestId('array-grid-header')).toHaveText('G: 20×20 single · gpu');
    await expect(gridCell(gpu, 20, 1)).toHaveText('20');
  });

  test('an error shows message and identifier, and is squiggled at its span', async ({ page }) => {
    const out = await runCell(page, 0, 'x = 1;\ny = undefined_thing + 1');
    await expect(out.getByTestId('cell-error')).toContainText("Unrecognized function or variable 'undefined_thing'");
    await expect(out.getByTestId('error-identifier')).toHaveText('MATLAB:UndefinedFunction');
    const editor = out.getByTestId('cell-editor');
    await expect(editor.locator('.squiggly-error')).toHaveCount(1);
    // The squiggle sits on line 2, under `undefined_thing`.
    const [squiggle, line2] = await Promise.all([
      editor.locator('.squiggly-error').boundingBox(),
      editor.locator('.view-line').filter({ hasText: 'undefined_thing' }).boundingBox(),
    ]);
    expect(squiggle && line2 && Math.abs(squiggle.y - line2.y) < 12).toBe(true);
    // Hovering it shows the message.
    await page.mouse.move(squiggle!.x + squiggle!.width / 2, squiggle!.y + squiggle!.height / 2);
    await expect(page.locator('.monaco-hover').filter({ hasText: 'undefined_thing' }).first()).toBeVisible();
    // A good run clears it.
    await page.mouse.move(0, 0);
    await page.keyboard.press('Escape');
    await editor.locator('.view-lines').click({ force: true });
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('y = 2');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(out).toHaveAttribute('data-status', 'done');
    await expect(editor.locator('.squiggly-error')).toHaveCount(0);
  });

  test('kernels: table, timeline and plan with each kernel\'s WGSL', async ({ page }) => {
    const out = await runCell(page, 0, 'x = gpuArray(single(1:5000)); y = sum(x.^2+1)');
    const kernels = out.getByTestId('cell-kernels');
    await expect(kernels.getByTestId('kernel-table').locator('tbody tr').first()).toContainText('µs');

    await kernels.getByTestId('kernel-view-timeline').click();
    const timeline = kernels.getByTestId('kernel-timeline');
    const bars = timeline.getByTestId('timeline-bar');
    expect(await bars.count()).toBeGreaterThanOrEqual(1);
    const title = (await bars.first().getAttribute('title')) ?? '';
    expect(title).toMatch(/GPU [\d.,]+ µs/);
    expect(title).toMatch(/shapes /);
    expect(title).toMatch(/GFLOP\/s|GB\/s/);
    await expect(timeline.getByTestId('timeline-totals')).toContainText(/GPU .* in \d+ kernels?/);
    await expect(timeline.getByTestId('timeline-totals')).toContainText('wall');

    await kernels.getByTestId('kernel-view-plan').click();
    const plan = kernels.getByTestId('plan-view');
    await expect(plan.getByTestId('plan-source').first()).toBeVisible();
    const wgsl = plan.getByTestId('plan-wgsl');
    await expect(wgsl.locator('.view-lines')).toContainText('@group(0) @binding(0)');
    await expect(wgsl.locator('.view-lines')).toContainText('fn ');
    // Highlighted as WGSL (once Monaco has tokenized the lines): attribute, keyword and type
    // each get their own colour.
    const colours = () =>
      wgsl.locator('.view-line span span').evaluateAll((spans) => {
        const colourOf = (text: string) => {
          // Monaco folds a following space into the token's span (as a no-break space).
          const span = spans.find((s) => (s.textContent ?? '').replace(/\u00a0/g, ' ').trim() === text);
          return span ? getComputedStyle(span).color : 'missing';
        };
        return [colourOf('@group'), colourOf('fn'), colourOf('f32')];
      });
    await expect.poll(async () => {
      const distinct = new Set(await colours());
      return distinct.has('missing') ? 0 : distinct.size;
    }).toBe(3);
    const count = await plan.getByTestId('plan-source').count();
    if (count > 1) {
      const first = await wgsl.locator('.view-lines').textContent();
      await plan.getByTestId('plan-source').nth(1).click();
      await expect(wgsl.locator('.view-lines')).not.toHaveText(first ?? '');
    }
    // The status bar shows the GPU memory the engine holds.
    await expect(page.getByTestId('status-memory')).toContainText('GPU mem');
    await expect(page.getByTestId('engine-state')).toHaveText('engine: idle');
    await page.screenshot({ path: `${ARTIFACTS}/outputs-plan.png`, fullPage: true });
  });

  test('signature help inside calls, and struct fields after a dot', async ({ page }) => {
    await typeInCell(page, 0, 'y = sum(');
    const hints = page.locator('.parameter-hints-widget');
    await expect(hints).toBeVisible();
    await expect(hints).toContainText('sum(A)');
    await page.keyboard.type('x, ');
    await expect(hints).toContainText("sum(A, 'all')");
    await expect(hints.locator('.parameter.active')).toHaveText("'all'");
    await page.keyboard.press('Escape');

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('s.alpha = 1; s.beta = [1 2];');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    await page.getByTestId('add-code').click();
    await typeInCell(page, 1, 's.');
    const suggest = page.locator('.suggest-widget');
    await expect(suggest).toBeVisible();
    await expect(suggest).toContainText('alpha');
    await expect(suggest).toContainText('beta');
  });

  test('parse errors are marked while typing and cleared when fixed', async ({ page }) => {
    await typeInCell(page, 0, 'z = [1 2');
    const editor = cell(page, 0).getByTestId('cell-editor');
    await expect(editor.locator('.squiggly-error')).toHaveCount(1);
    await page.keyboard.type(']');
    await expect(editor.locator('.squiggly-error')).toHaveCount(0);
    await page.keyboard.type(' +* 3');
    await expect(editor.locator('.squiggly-error')).toHaveCount(1);
  });

  test('light and dark themes, switched in the status bar and kept across reloads', async ({ page }) => {
    await runCell(page, 0, 'A = magic(30) / 7\nerror_here = undefined_name + 1');
    await runCell(page, 1, 'x = gpuArray(single(1:5000)); y = sum(x.^2+1)');
    await cell(page, 1).getByTestId('kernel-view-timeline').click();
    // Tall enough for both cells: the screenshots show the notebook without the fixed status bar over it.
    await page.setViewportSize({ width: 1200, height: 1150 });
    const themeChoice = page.getByTestId('theme-choice');
    await themeChoice.selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('.monaco-editor').first()).not.toHaveClass(/vs-dark/);
    // The whole notebook from the top (a full-page shot of a scrolled page draws the sticky toolbar mid-page).
    await page.mouse.move(0, 0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/theme-light.png`, fullPage: true });

    await themeChoice.selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('.monaco-editor').first()).toHaveClass(/vs-dark/);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 246, 249)');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${ARTIFACTS}/theme-dark.png`, fullPage: true });

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByTestId('theme-choice')).toHaveValue('dark');
    // "system" follows prefers-color-scheme.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('theme-choice').selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
