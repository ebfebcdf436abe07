// Keeping and sharing notebooks, in Debian's Chromium with WebGPU on SwiftShader: autosave to
// IndexedDB survives an abrupt close, the notebook list (rename, duplicate, delete with undo),
// storage that is unavailable or full, share links (nothing runs until Run all; hostile links
// give an error banner), every example link loads and runs, and .ipynb / .m import and export.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cell } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';
const EXAMPLES = ['image-pipeline', 'pca', 'matmul', 'monte-carlo', 'elementwise'];

async function ready(page: Page, problems: string[] = []): Promise<void> {
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await expect(page.getByTestId('cell').first()).toBeVisible();
  await expect(page.getByTestId('cell-editor').first().locator('.view-lines')).toBeVisible();
  await page.waitForFunction(() => window.matbook !== undefined);
  await page.evaluate(() => window.matbook?.ready);
}

/** Clicks into the editor of cell `index` (counting every cell) and types. */
async function typeInCell(page: Page, index: number, text: string): Promise<void> {
  const editor = page.getByTestId('cell').nth(index).getByTestId('cell-editor');
  await editor.locator('.view-lines').click();
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();
  await page.keyboard.type(text);
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

/** The share link the dialog hands out for the open notebook. */
async function shareLink(page: Page, includeOutputs = false): Promise<string> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId('menu-share').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  if (includeOutputs) await dialog.getByTestId('share-include-outputs').check();
  const url = await dialog.getByTestId('share-url').inputValue();
  await dialog.getByTestId('share-close').click();
  return url;
}

test.describe('autosave and the notebook list', () => {
  test('edit, close the page abruptly, reopen: the content is intact', async ({ context }) => {
    const page = await context.newPage();
    await page.goto('/');
    await ready(page);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'pristine');
    await typeInCell(page, 0, 'kept_value = 42; % typed before the crash');
    await page.getByTestId('add-markdown').click();
    await page.keyboard.type('# Notes survive too');
    await saved(page);
    await page.close({ runBeforeUnload: false });

    const again = await context.newPage();
    await again.goto('/');
    await ready(again);
    await expect(again.getByTestId('cell')).toHaveCount(2);
    await expect(again.getByTestId('cell-editor').first()).toContainText('kept_value = 42; % typed before the crash');
    await expect(cell(again, 1)).toHaveAttribute('data-kind', 'markdown');
    await expect(cell(again, 1)).toContainText('Notes survive too');
    // It is the same kept notebook, not a copy.
    await again.getByTestId('notebooks-menu').click();
    await expect(again.getByTestId('notebook-item')).toHaveCount(1);
  });

  test('outputs are kept with the notebook and come back after a reload', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'z = 6 * 7');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('42');
    await saved(page);
    await page.reload();
    await ready(page);
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('42');
  });

  test('create, rename, duplicate, open, delete with undo, erase all', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'first = 1;');
    await saved(page);
    // Rename through the title.
    await page.getByTestId('notebook-title').click();
    await page.getByTestId('title-input').fill('Alpha');
    await page.getByTestId('title-input').press('Enter');
    await expect(page.getByTestId('notebook-title')).toHaveText('Alpha');
    await saved(page);

    // A second notebook.
    await page.getByTestId('file-menu').click();
    await page.getByTestId('menu-new').click();
    await expect(page.getByTestId('notebook-title')).toHaveText('Untitled notebook');
    await expect(page.getByTestId('cell-editor').first()).not.toContainText('first');
    await typeInCell(page, 0, 'second = 2;');
    await saved(page);

    const menu = page.getByTestId('notebooks-menu');
    await menu.click();
    const items = page.getByTestId('notebook-item');
    await expect(items).toHaveCount(2);
    const alpha = items.filter({ hasText: 'Alpha' });
    // Rename from the list.
    await alpha.getByTestId('notebook-rename').click();
    await page.getByTestId('rename-input').fill('Alpha renamed');
    await page.getByTestId('rename-input').press('Enter');
    await expect(items.filter({ hasText: 'Alpha renamed' })).toHaveCount(1);
    // Duplicate.
    await items.filter({ hasText: 'Alpha renamed' }).getByTestId('notebook-duplicate').click();
    await expect(items).toHaveCount(3);
    await expect(items.filter({ hasText: 'Alpha renamed (copy)' })).toHaveCount(1);
    // Open the copy: it has Alpha's cells.
    await items.filter({ hasText: 'Alpha renamed (copy)' }).getByTestId('notebook-open').click();
    await expect(page.getByTestId('notebook-title')).toHaveText('Alpha renamed (copy)');
    await expect(page.getByTestId('cell-editor').first()).toContainText('first = 1;');

    // Delete the open one, then undo.
    await menu.click();
    await items.filter({ hasText: 'Alpha renamed (copy)' }).getByTestId('notebook-delete').click();
    await expect(page.getByTestId('toast')).toContainText('Deleted');
    await expect(items).toHaveCount(2);
    await page.screenshot({ path: `${ARTIFACTS}/notebook-list.png` });
    await page.getByTestId('toast-undo').click();
    await expect(page.getByTestId('toast')).toContainText('Restored');
    await expect(page.getByTestId('notebook-title')).toHaveText('Alpha renamed (copy)');
    await menu.click();
    await expect(items).toHaveCount(3);

    // Erase all local data.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('menu-erase').click();
    await expect(page.getByTestId('toast')).toContainText('erased');
    await page.reload();
    await ready(page);
    await expect(page.getByTestId('cell')).toHaveCount(1);
    await expect(page.getByTestId('cell-editor').first()).not.toContainText('first');
    await page.getByTestId('notebooks-menu').click();
    await expect(page.getByTestId('notebook-item')).toHaveCount(0);
  });

  test('without IndexedDB the page says so and the notebook still works in memory', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        configurable: true,
        get() {
          throw new DOMException('The user denied permission to access the database.', 'SecurityError');
        },
      });
    });
    await page.goto('/');
    await ready(page);
    const notice = page.getByTestId('storage-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('data-kind', 'unavailable');
    await expect(notice).toContainText('kept in this tab only');
    await typeInCell(page, 0, 'w = 3 + 4');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('7');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'memory');
  });

  test('a full storage quota is reported, and the notebook keeps working', async ({ page }) => {
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
        if (typeof key === 'string' && key.startsWith('nb:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.call(this, value, key);
      };
    });
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'q = 1');
    const notice = page.getByTestId('storage-notice');
    await expect(notice).toHaveAttribute('data-kind', 'full');
    await expect(notice).toContainText('full');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'memory');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('1');
  });
});

test.describe('share links', () => {
  test('opening a share link shows the notebook and a banner; nothing runs until Run all', async ({ page, browser }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, "shared_x = magic(3)\nfprintf('ran %d\\n', 7);");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('ran 7');
    const url = await shareLink(page);
    expect(url).toMatch(/#nb=[A-Za-z0-9_-]+$/);

    // A stranger: a fresh browser context, no storage.
    const other = await browser.newContext();
    const viewer = await other.newPage();
    const problems: string[] = [];
    await viewer.goto(url);
    await ready(viewer, problems);
    const banner = viewer.getByTestId('notebook-banner');
    await expect(banner).toHaveText(/Shared notebook — nothing has run; press Run all to run it/);
    await expect(viewer.getByTestId('cell')).toHaveCount(1);
    await expect(viewer.getByTestId('cell-editor').first()).toContainText('shared_x = magic(3)');
    // Give it time to misbehave: still no outputs, no execution counts, an empty workspace.
    await viewer.waitForTimeout(1500);
    await expect(viewer.getByTestId('cell-output')).toHaveCount(0);
    await expect(cell(viewer, 0).locator('.cell-count')).toHaveText('[ ]');
    await expect(cell(viewer, 0)).toHaveAttribute('data-status', 'idle');
    await viewer.screenshot({ path: `${ARTIFACTS}/share-banner.png` });

    await viewer.getByTestId('run-all').click();
    await expect(cell(viewer, 0).getByTestId('cell-output')).toContainText('ran 7');
    await expect(cell(viewer, 0).locator('.cell-count')).toHaveText('[1]');
    await expect(banner).toHaveCount(0);
    expect(problems).toEqual([]);
    await other.close();
  });

  test('a link with outputs shows them without running', async ({ page, browser }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, "fprintf('from the author\\n');");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('from the author');
    const url = await shareLink(page, true);
    const other = await browser.newContext();
    const viewer = await other.newPage();
    await viewer.goto(url);
    await ready(viewer);
    await expect(viewer.getByTestId('notebook-banner')).toBeVisible();
    await expect(cell(viewer, 0).getByTestId('cell-output')).toContainText('from the author');
    await other.close();
  });

  test('hostile and truncated links give an error banner, and the page still works', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'a = 1;');
    const good = await shareLink(page);
    const hash = good.slice(good.indexOf('#'));
    const bad = [
      '#nb=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      '#nb=!!!not-base64!!!',
      hash.slice(0, Math.floor(hash.length / 2)),
      '#nb=' + 'A'.repeat(5000),
      '#nb=',
    ];
    for (const fragment of bad) {
      const problems: string[] = [];
      const fresh = await page.context().browser()!.newContext();
      const viewer = await fresh.newPage();
      await viewer.goto(`/${fragment}`);
      await ready(viewer, problems);
      const error = viewer.getByTestId('load-error');
      await expect(error, fragment.slice(0, 40)).toBeVisible();
      await expect(error).toContainText('Could not open the shared notebook');
      await expect(viewer.getByTestId('notebook-banner')).toHaveCount(0);
      // A working notebook underneath.
      await typeInCell(viewer, 0, 'ok = 2 + 2');
      await viewer.keyboard.press('ControlOrMeta+Enter');
      await expect(cell(viewer, 0).getByTestId('cell-output')).toContainText('4');
      expect(problems).toEqual([]);
      if (fragment === bad[2]) await viewer.screenshot({ path: `${ARTIFACTS}/share-error.png` });
      await fresh.close();
    }
  });

  test('editing a shared notebook keeps it locally and drops the link from the address', async ({ page, browser }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'orig = 1;');
    const url = await shareLink(page);
    const other = await browser.newContext();
    const viewer = await other.newPage();
    await viewer.goto(url);
    await ready(viewer);
    await expect(viewer.getByTestId('save-state')).toHaveAttribute('data-state', 'pristine');
    await typeInCell(viewer, 0, ' % mine now');
    await expect(viewer.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    expect(new URL(viewer.url()).hash).toBe('');
    await viewer.reload();
    await ready(viewer);
    await expect(viewer.getByTestId('cell-editor').first()).toContainText('% mine now');
    await other.close();
  });
});

test.describe('examples', () => {
  test('the start screen lists every example', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    const links = page.getByTestId('example-link');
    await expect(links).toHaveCount(EXAMPLES.length);
    expect(await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(EXAMPLES);
    await page.screenshot({ path: `${ARTIFACTS}/start-screen.png`, fullPage: true });
    await links.filter({ hasText: 'Monte Carlo' }).click();
    await expect(page.getByTestId('notebook-banner')).toContainText('Monte Carlo');
    expect(new URL(page.url()).searchParams.get('example')).toBe('monte-carlo');
    await expect(page.getByTestId('cell-output')).toHaveCount(0);
  });

  for (const name of EXAMPLES) {
    test(`?example=${name} loads without running, then runs without errors`, async ({ page }) => {
      const problems: string[] = [];
      await page.goto(`/?example=${name}`);
      await ready(page, problems);
      await expect(page.getByTestId('notebook-banner')).toContainText('nothing has run');
      const cells = page.getByTestId('cell');
      expect(await cells.count()).toBeGreaterThan(2);
      await expect(page.getByTestId('cell-output')).toHaveCount(0);
      await page.getByTestId('run-all').click();
      const code = page.locator('[data-testid="cell"][data-kind="code"]');
      const n = await code.count();
      for (let i = 0; i < n; i++) {
        await expect(code.nth(i)).toHaveAttribute('data-status', /done|error/, { timeout: 90_000 });
      }
      await expect(page.getByTestId('cell-error')).toHaveCount(0);
      for (let i = 0; i < n; i++) await expect(code.nth(i)).toHaveAttribute('data-status', 'done');
      await page.screenshot({ path: `${ARTIFACTS}/example-${name}.png`, fullPage: true });
      expect(problems).toEqual([]);
    });
  }

  test('an unknown example gives an error banner', async ({ page }) => {
    await page.goto('/?example=nope');
    await ready(page);
    await expect(page.getByTestId('load-error')).toContainText('no example called');
  });
});

test.describe('files', () => {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'matbook', display_name: 'Matbook (MATLAB)', language: 'matlab' }, language_info: { name: 'matlab' } },
    cells: [
      { id: 'intro', cell_type: 'markdown', metadata: {}, source: ['# Imported\n', 'From a file.'] },
      {
        id: 'calc',
        cell_type: 'code',
        metadata: {},
        execution_count: 3,
        source: ['imp = [1 2 3] * 2'],
        outputs: [{ output_type: 'display_data', data: { 'text/plain': ['imp =\n', '\n', '     2     4     6\n'] }, metadata: {} }],
      },
    ],
  };

  test('import an .ipynb through the file input, run it, export it back', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await page.getByTestId('open-file-input').setInputFiles({
      name: 'imported.ipynb',
      mimeType: 'application/x-ipynb+json',
      buffer: Buffer.from(JSON.stringify(notebook)),
    });
    await expect(page.getByTestId('notebook-title')).toHaveText('imported');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 0).getByTestId('cell-markdown').locator('h1')).toHaveText('Imported');
    // The file's outputs are shown; nothing ran.
    await expect(cell(page, 1).getByTestId('cell-output')).toContainText('2     4     6');
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[3]');
    await saved(page);

    await page.getByTestId('run-all').click();
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[1]');
    await expect(cell(page, 1).getByTestId('cell-output')).toContainText('2     4     6');

    await page.getByTestId('file-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('menu-save-ipynb').click()]);
    expect(download.suggestedFilename()).toBe('imported.ipynb');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported.nbformat).toBe(4);
    expect(exported.nbformat_minor).toBe(5);
    expect(exported.metadata.kernelspec).toEqual({ name: 'matbook', display_name: 'Matbook (MATLAB)', language: 'matlab' });
    expect(exported.metadata.language_info.name).toBe('matlab');
    expect(exported.cells.map((c: { cell_type: string; source: string[] }) => [c.cell_type, c.source.join('')])).toEqual([
      ['markdown', '# Imported\nFrom a file.'],
      ['code', 'imp = [1 2 3] * 2'],
    ]);
    const code = exported.cells[1];
    expect(code.execution_count).toBe(1);
    expect(code.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(code.outputs[0].output_type).toBe('display_data');
    expect(code.outputs[0].data['text/plain'].join('')).toContain('2     4     6');
  });

  test('export .m and open it again; drop a file onto the page', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, 'm1 = 5;');
    await page.getByTestId('add-markdown').click();
    await page.keyboard.type('# Section two\nSome words.');
    // Shift+Enter on the last cell renders it and adds a code cell, focused.
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await typeInCell(page, 2, 'm2 = m1 * 2');
    await page.getByTestId('file-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('menu-save-m').click()]);
    expect(download.suggestedFilename()).toBe('Untitled notebook.m');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toBe('%%\nm1 = 5;\n\n%% Section two\n% Some words.\n\n%%\nm2 = m1 * 2\n');

    // Drop it back onto the page.
    await page.evaluate((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'dropped.m', { type: 'text/plain' }));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    }, text);
    await expect(page.getByTestId('notebook-title')).toHaveText('dropped');
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await expect(cell(page, 1)).toHaveAttribute('data-kind', 'markdown');
    await page.getByTestId('run-all').click();
    await expect(cell(page, 2).getByTestId('cell-output')).toContainText('10');
  });

  test('figures are exported as image/png', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await typeInCell(page, 0, "plot(1:10, (1:10).^2); title('squares')");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('figure')).toBeVisible();
    await page.getByTestId('file-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('menu-save-ipynb').click()]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const figure = exported.cells[0].outputs.find((o: { data?: Record<string, unknown> }) => o.data?.['image/png']);
    expect(figure?.output_type).toBe('display_data');
    expect(figure.data['image/png']).toMatch(/^iVBORw0KGgo/);
    expect(figure.data['text/plain'].join('')).toMatch(/^Figure/);
  });

  test('a file that is not a notebook gives an error banner', async ({ page }) => {
    await page.goto('/');
    await ready(page);
    await page.getByTestId('open-file-input').setInputFiles({ name: 'broken.ipynb', mimeType: 'application/json', buffer: Buffer.from('{"cells": 5') });
    await expect(page.getByTestId('load-error')).toContainText('Could not open broken.ipynb');
    await expect(page.getByTestId('cell')).toHaveCount(1);
  });
});
