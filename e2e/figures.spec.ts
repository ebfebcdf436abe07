// Figures under a cell: one screenshot per plot type (kept in e2e-artifacts/figure-*.png), a pixel
// check that imagesc shows a known matrix in the right places and grey levels, the Download PNG
// button, hover values, and big data (a million-point line, a 4K image) drawn in well under a second.
import { expect, test, type Page } from '@playwright/test';
import { openNotebook } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';

/** Puts `source` into the first cell (as a paste would: no auto-closed quotes) and runs it in place. */
async function runCell(page: Page, source: string): Promise<void> {
  const editor = page.getByTestId('cell-editor').first();
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(source);
  await page.keyboard.press('ControlOrMeta+Enter');
  const cell = page.getByTestId('cell').first();
  await expect(cell).toHaveAttribute('data-status', /done|error/, { timeout: 60_000 });
  await expect(cell.getByTestId('cell-error')).toHaveCount(0);
}

function figure(page: Page) {
  return page.getByTestId('cell').first().getByTestId('figure').first();
}

/** Waits until the figure has painted (FigureView marks it) and returns how long that took. */
async function rendered(page: Page): Promise<number> {
  const fig = figure(page);
  await expect(fig).toHaveAttribute('data-render-ms', /\d/);
  return Number(await fig.getAttribute('data-render-ms'));
}

const PLOTS: { name: string; source: string; axes?: number }[] = [
  {
    name: 'line',
    source:
      "x = linspace(0, 2*pi, 40); plot(x, sin(x), 'r--', x, cos(x), 'b-o', 'LineWidth', 1.5); hold on; plot(x, 0.5*sin(2*x), 'DisplayName', 'half'); hold off; title('sin and cos'); xlabel('x'); ylabel('y'); legend('sin', 'cos', 'half'); grid on",
  },
  {
    name: 'scatter',
    source: "rng(1); x = randn(400, 1); y = 2*x + randn(400, 1); scatter(x, y, 25, y, 'filled'); colorbar; title('scatter, colour = y'); xlabel('x'); ylabel('y')",
  },
  {
    name: 'bar',
    source: "bar([2 3; 4 1; 3 5; 1 2]); legend('first', 'second', 'Location', 'northwest'); title('grouped bars'); ylabel('count')",
  },
  {
    name: 'histogram',
    source: "rng(2); h = histogram(randn(1e4, 1), 40); title(sprintf('histogram, %d bins', h.NumBins)); xlabel('value'); ylabel('count')",
  },
  {
    name: 'imagesc',
    source: "[X, Y] = meshgrid(-2:0.04:2, -1.5:0.04:1.5); imagesc(exp(-(X.^2 + Y.^2)) .* cos(3*X)); colormap(jet); colorbar; title('imagesc, jet')",
  },
  {
    name: 'imshow',
    source: '[X, Y] = meshgrid(linspace(0, 1, 320), linspace(0, 1, 200)); imshow(cat(3, X, Y, 1 - X))',
  },
  {
    name: 'subplot',
    axes: 4,
    source:
      "x = 0:0.1:10; subplot(2, 2, 1); plot(x, sin(x)); title('plot'); subplot(2, 2, 2); bar([3 1 2]); title('bar'); subplot(2, 2, 3); hist(randn(1, 1000), 20); title('hist'); subplot(2, 2, 4); imagesc(magic(8)); colormap(viridis); axis equal tight; title('magic(8)')",
  },
];

test.describe('figures', () => {
  for (const plot of PLOTS) {
    test(`${plot.name}: shown under the cell`, async ({ page }) => {
      const problems = await openNotebook(page);
      await runCell(page, plot.source);
      const fig = figure(page);
      await expect(fig).toBeVisible();
      await expect(fig.getByTestId('figure-axes')).toHaveCount(plot.axes ?? 1);
      await rendered(page);
      await fig.screenshot({ path: `${ARTIFACTS}/figure-${plot.name}.png` });
      expect(problems).toEqual([]);
    });
  }

  test('imagesc([0 1; 2 3]) with gray: each quadrant has its grey level, column-major', async ({ page }) => {
    await openNotebook(page);
    await runCell(page, 'imagesc([0 1; 2 3]); colormap(gray)');
    await rendered(page);
    await figure(page).screenshot({ path: `${ARTIFACTS}/figure-imagesc-pixels.png` });
    const levels = await figure(page).evaluate((el) => {
      const over = el.querySelector<HTMLElement>('.u-over')!;
      const canvas = el.querySelector<HTMLCanvasElement>('canvas')!;
      const o = over.getBoundingClientRect();
      const c = canvas.getBoundingClientRect();
      const sx = canvas.width / c.width;
      const sy = canvas.height / c.height;
      const ctx = canvas.getContext('2d')!;
      /** The grey level at fractions (fx, fy) of the plot area. */
      const at = (fx: number, fy: number) => {
        const x = Math.round((o.left - c.left + fx * o.width) * sx);
        const y = Math.round((o.top - c.top + fy * o.height) * sy);
        const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
        return { r, g, b };
      };
      return { topLeft: at(0.25, 0.25), topRight: at(0.75, 0.25), bottomLeft: at(0.25, 0.75), bottomRight: at(0.75, 0.75) };
    });
    for (const p of Object.values(levels)) {
      expect(p.r).toBe(p.g);
      expect(p.g).toBe(p.b);
    }
    // A(1,1) = 0 top left (black), A(1,2) = 1 top right, A(2,1) = 2 bottom left, A(2,2) = 3 bottom right (white).
    expect(levels.topLeft.r).toBe(0);
    expect(levels.topLeft.r).toBeLessThan(levels.topRight.r);
    expect(levels.topRight.r).toBeLessThan(levels.bottomLeft.r);
    expect(levels.bottomLeft.r).toBeLessThan(levels.bottomRight.r);
    expect(levels.bottomRight.r).toBe(255);
    // MATLAB's scaled mapping over 256 entries: 1/3 → entry 85, 2/3 → entry 170.
    expect(levels.topRight.r).toBe(85);
    expect(levels.bottomLeft.r).toBe(170);
  });

  test('Download PNG saves the figure as a PNG', async ({ page }) => {
    await openNotebook(page);
    await runCell(page, "plot(1:10, (1:10).^2, 'k-s'); title('squares')");
    await rendered(page);
    const [download] = await Promise.all([page.waitForEvent('download'), figure(page).getByTestId('figure-download').click()]);
    expect(download.suggestedFilename()).toBe('figure-1.png');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width and height from the IHDR chunk: the figure's size (640 × 480 CSS px) at the page's pixel ratio.
    const ratio = await page.evaluate(() => window.devicePixelRatio);
    expect(bytes.readUInt32BE(16)).toBe(Math.round(640 * ratio));
    expect(bytes.readUInt32BE(20)).toBe(Math.round(480 * ratio));
  });

  test('hovering a line shows the nearest point', async ({ page }) => {
    await openNotebook(page);
    await runCell(page, 'plot([1 2 3], [10 20 30])');
    await rendered(page);
    const over = figure(page).locator('.u-over');
    const box = (await over.boundingBox())!;
    // x from 1 to 3 and y from 10 to 30 fill the plot area exactly (nice limits): (2, 20) is its centre.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(figure(page).locator('.figure-tooltip')).toHaveText('x = 2, y = 20');
  });

  test('drawnow then more plotting replaces the figure in place; two figures show in order', async ({ page }) => {
    await openNotebook(page);
    await runCell(page, "plot(1:3); drawnow; title('after drawnow'); figure; bar(1:3)");
    const figs = page.getByTestId('cell').first().getByTestId('figure');
    await expect(figs).toHaveCount(2);
    await expect(figs.nth(0)).toHaveAttribute('data-figure-id', '1');
    await expect(figs.nth(1)).toHaveAttribute('data-figure-id', '2');
    // Figures come after the text outputs.
    await runCell(page, "plot(1:2); disp('text first')");
    await expect(page.locator('.cell-output').first().locator('> *').first()).toContainText('text first');
  });

  test('a million-point line and a 4K image render in well under a second', async ({ page }) => {
    await openNotebook(page);
    // The best of three: the time is wall time on a shared machine, and a busy neighbour is not the figure's cost.
    const best = async (source: string) => {
      let ms = Infinity;
      for (let k = 0; k < 3 && ms >= 500; k++) {
        await runCell(page, source);
        ms = Math.min(ms, await rendered(page));
      }
      return ms;
    };
    await runCell(page, 'x = linspace(0, 100, 1e6); y = sin(x) + 0.1*cos(37*x); [X, Y] = meshgrid(1:3840, 1:2160); im = sin(X / 200) .* cos(Y / 150);');
    const lineMs = await best('plot(x, y)');
    await figure(page).screenshot({ path: `${ARTIFACTS}/figure-million-points.png` });
    const imageMs = await best('imagesc(im); colorbar');
    await figure(page).screenshot({ path: `${ARTIFACTS}/figure-4k-image.png` });
    console.log(`render: 1e6-point line ${lineMs} ms, 3840x2160 image ${imageMs} ms`);
    expect(lineMs).toBeLessThan(1000);
    expect(imageMs).toBeLessThan(1000);
  });
});
