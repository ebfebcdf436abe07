// Cells and running, as a keyboard user works with them: Jupyter-style command and edit modes
// (Esc / Enter), command keys (A, B, D D + Z, M, Y, arrows and J/K, O, Shift/Ctrl/Alt+Enter),
// the shortcut sheet, split / merge / duplicate / move, Run above / below, the run timer and the
// "changed since run" dot. Cells are kept tiny: WebGPU here is SwiftShader, on the CPU.
import { expect, test, type Page } from '@playwright/test';
import { cell, cellSource, editorInput, leaveEditor, openNotebook, typeInCell } from './notebookPage.ts';

const ARTIFACTS = 'e2e-artifacts';

let problems: string[] = [];

test.beforeEach(async ({ page }) => {
  problems = await openNotebook(page);
});

test.afterEach(() => {
  expect(problems).toEqual([]);
});

/** Opens the Run menu and picks an item. */
async function runMenu(page: Page, item: 'run-above' | 'run-below' | 'run-selected'): Promise<void> {
  await page.getByTestId('run-menu').click();
  await page.getByTestId(item).click();
}

test.describe('command mode', () => {
  test('Esc leaves the editor for the cell, Enter goes back; arrows and J/K move the selection', async ({ page }) => {
    await typeInCell(page, 0, 'a = 1');
    await leaveEditor(page, 0);
    await expect(cell(page, 0)).toHaveAttribute('data-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(editorInput(page, 0)).toBeFocused();
    await page.keyboard.type('0');
    await expect.poll(() => cellSource(page, 0)).toBe('a = 10');

    // B inserts below and selects the new cell, still in command mode; A inserts above it.
    await leaveEditor(page, 0);
    await page.keyboard.press('b');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 1)).toBeFocused();
    await page.keyboard.press('a');
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await expect(cell(page, 1)).toBeFocused();
    await expect(cell(page, 0)).not.toHaveAttribute('data-selected', 'true');
    await expect.poll(() => cellSource(page, 0)).toBe('a = 10');

    await page.keyboard.press('ArrowUp');
    await expect(cell(page, 0)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(cell(page, 0)).toBeFocused();
    await page.keyboard.press('j');
    await expect(cell(page, 1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(cell(page, 2)).toBeFocused();
    await page.keyboard.press('k');
    await expect(cell(page, 1)).toBeFocused();
    await page.screenshot({ path: `${ARTIFACTS}/cells-command-mode.png`, fullPage: true });

    // Shift+O folds the source to a stub; Enter unfolds it and edits.
    await page.keyboard.press('k');
    await page.keyboard.press('Shift+O');
    await expect(cell(page, 0).getByTestId('source-collapsed')).toContainText('1 line');
    await expect(cell(page, 0).getByTestId('cell-editor')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(editorInput(page, 0)).toBeFocused();
    await expect.poll(() => cellSource(page, 0)).toBe('a = 10');
  });

  test('D D deletes, Z undoes it; M and Y switch Markdown and code; C and V copy a cell', async ({ page }) => {
    await typeInCell(page, 0, 'x = 1');
    await leaveEditor(page, 0);
    await page.keyboard.press('b');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await expect(page.getByTestId('cell')).toHaveCount(1);
    await expect(cell(page, 0)).toBeFocused();

    // Delete the first cell itself, then bring it back with its text.
    await page.keyboard.press('d');
    await page.keyboard.press('d');
    await expect(page.getByTestId('cell')).toHaveCount(0);
    await page.getByTestId('add-code').click();
    await leaveEditor(page, 0);
    await page.keyboard.press('z');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(cell(page, 0)).toBeFocused();
    await expect.poll(() => cellSource(page, 0)).toBe('x = 1');

    await page.keyboard.press('m');
    await expect(cell(page, 0)).toHaveAttribute('data-kind', 'markdown');
    await expect(cell(page, 0).getByTestId('cell-markdown')).toContainText('x = 1');
    await expect(cell(page, 0)).toBeFocused();
    await page.keyboard.press('y');
    await expect(cell(page, 0)).toHaveAttribute('data-kind', 'code');
    await expect.poll(() => cellSource(page, 0)).toBe('x = 1');

    await page.keyboard.press('c');
    await page.keyboard.press('j');
    await page.keyboard.press('v');
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await expect(cell(page, 2)).toBeFocused();
    await expect.poll(() => cellSource(page, 2)).toBe('x = 1');
  });

  test('Ctrl+Enter, Shift+Enter and Alt+Enter run from command mode and from the editor; O folds the output', async ({ page }) => {
    await typeInCell(page, 0, 'a = 2');
    await leaveEditor(page, 0);
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('a =');
    await expect(page.getByTestId('cell')).toHaveCount(1);
    await expect(cell(page, 0)).toBeFocused();

    // O folds the output to a stub, and back.
    await page.keyboard.press('o');
    await expect(cell(page, 0).getByTestId('cell-output')).toHaveCount(0);
    await expect(cell(page, 0).getByTestId('output-collapsed')).toBeVisible();
    await page.keyboard.press('o');
    await expect(cell(page, 0).getByTestId('cell-output')).toContainText('a =');

    // Shift+Enter on the last cell runs it and opens a new cell's editor.
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect(editorInput(page, 1)).toBeFocused();
    await expect(cell(page, 0).locator('.cell-count')).toHaveText('[2]');

    // Alt+Enter in the editor: run, then a new cell below to type into.
    await page.keyboard.type('b = a + 1');
    await page.keyboard.press('Alt+Enter');
    await expect(cell(page, 1).getByTestId('cell-output')).toContainText('3');
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await expect(editorInput(page, 2)).toBeFocused();

    // Alt+Enter in command mode, on a cell in the middle: the new cell goes right below it.
    await leaveEditor(page, 2);
    await page.keyboard.press('k');
    await expect(cell(page, 1)).toBeFocused();
    await page.keyboard.press('Alt+Enter');
    await expect(page.getByTestId('cell')).toHaveCount(4);
    await expect(editorInput(page, 2)).toBeFocused();
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[4]');

    // Shift+Enter in command mode on a middle cell selects the next one, staying in command mode.
    await leaveEditor(page, 2);
    await page.keyboard.press('k');
    await page.keyboard.press('Shift+Enter');
    await expect(cell(page, 2)).toBeFocused();
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[5]');
    await expect(page.getByTestId('cell')).toHaveCount(4);
  });

  test('H and ? open the shortcut sheet, a modal dialog that Esc closes', async ({ page }) => {
    await typeInCell(page, 0, 'q = 1');
    await leaveEditor(page, 0);
    await page.keyboard.press('h');
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByTestId('shortcut-row')).not.toHaveCount(0);
    for (const command of ['insertAbove', 'insertBelow', 'deleteCell', 'undoCellOperation', 'toMarkdown', 'toCode', 'leaveEdit', 'splitAtCursor', 'runAndInsertBelow']) {
      await expect(sheet.locator(`[data-command="${command}"]`).first()).toBeVisible();
    }
    await expect(sheet).toContainText('Run above');
    // The focus moved into the dialog: command keys do nothing to the cells behind it.
    await expect(page.getByTestId('shortcut-sheet-close')).toBeFocused();
    await page.keyboard.press('b');
    await expect(page.getByTestId('cell')).toHaveCount(1);
    await page.screenshot({ path: `${ARTIFACTS}/cells-shortcut-sheet.png` });
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
    await expect(cell(page, 0)).toBeFocused();

    await page.keyboard.press('?');
    await expect(sheet).toBeVisible();
    await page.getByTestId('shortcut-sheet-close').click();
    await expect(sheet).toHaveCount(0);
    // The toolbar opens it too.
    await page.getByTestId('show-shortcuts').click();
    await expect(sheet).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);
  });
});

test.describe('cell operations', () => {
  test('split at the cursor, move, merge (and undo), duplicate', async ({ page }) => {
    await typeInCell(page, 0, 'p = 1;');
    await page.keyboard.press('Enter');
    await page.keyboard.type('q = 2;');
    await expect.poll(() => cellSource(page, 0)).toBe('p = 1;\nq = 2;');
    // Cursor to the start of the second line, then Ctrl+Shift+- as in Jupyter.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('ControlOrMeta+Shift+Minus');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect.poll(() => cellSource(page, 0)).toBe('p = 1;');
    await expect.poll(() => cellSource(page, 1)).toBe('q = 2;');
    await expect(editorInput(page, 1)).toBeFocused();

    // Alt+Up moves the cell up (the focus goes with it).
    await leaveEditor(page, 1);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => cellSource(page, 0)).toBe('q = 2;');
    await expect(cell(page, 0)).toBeFocused();

    // Shift+M merges with the cell below; Z takes the merge back.
    await page.keyboard.press('Shift+M');
    await expect(page.getByTestId('cell')).toHaveCount(1);
    await expect.poll(() => cellSource(page, 0)).toBe('q = 2;\np = 1;');
    await page.keyboard.press('z');
    await expect(page.getByTestId('cell')).toHaveCount(2);
    await expect.poll(() => cellSource(page, 0)).toBe('q = 2;');
    await expect.poll(() => cellSource(page, 1)).toBe('p = 1;');

    // The action bar: Duplicate, then Move down on the copy, by pointer.
    await cell(page, 0).hover();
    await cell(page, 0).getByRole('button', { name: 'Duplicate cell' }).click();
    await expect(page.getByTestId('cell')).toHaveCount(3);
    await expect.poll(() => cellSource(page, 1)).toBe('q = 2;');
    await expect(cell(page, 1)).toBeFocused();
    await cell(page, 1).getByRole('button', { name: 'Move cell down' }).click();
    await expect.poll(() => cellSource(page, 1)).toBe('p = 1;');
    await expect.poll(() => cellSource(page, 2)).toBe('q = 2;');
    await expect(cell(page, 2).getByRole('button', { name: 'Merge with cell below' })).toBeDisabled();
    await expect(cell(page, 2).getByRole('button', { name: 'Duplicate cell' })).toHaveAttribute('title', /Shift\+Alt\+↓/);
    await page.screenshot({ path: `${ARTIFACTS}/cells-action-bar.png`, fullPage: true });
  });

  test('Run above and Run selected and below act around the selected cell', async ({ page }) => {
    await typeInCell(page, 0, 'r = 1');
    await leaveEditor(page, 0);
    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await page.keyboard.type('r = r + 10');
    await leaveEditor(page, 1);
    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await page.keyboard.type('r = r * 2');
    await leaveEditor(page, 2);
    await page.keyboard.press('k');
    await expect(cell(page, 1)).toHaveAttribute('data-selected', 'true');

    await runMenu(page, 'run-above');
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    await expect(cell(page, 1)).toHaveAttribute('data-status', 'idle');
    await expect(cell(page, 2)).toHaveAttribute('data-status', 'idle');

    await runMenu(page, 'run-below');
    await expect(cell(page, 2).getByTestId('cell-output')).toContainText('22');
    await expect(cell(page, 1).locator('.cell-count')).toHaveText('[2]');
    await expect(cell(page, 2).locator('.cell-count')).toHaveText('[3]');
    await expect(cell(page, 0).locator('.cell-count')).toHaveText('[1]');
  });
});

test.describe('run state', () => {
  test('a running cell shows a ticking timer, then how long it took; an edit marks it changed until it runs', async ({ page }) => {
    await typeInCell(page, 0, 'pause(1.2)');
    await page.keyboard.press('ControlOrMeta+Enter');
    const timer = cell(page, 0).getByTestId('cell-timer');
    await expect(timer).toHaveAttribute('data-running', 'true');
    const first = await timer.textContent();
    // It ticks while the cell runs.
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
    await expect(timer).not.toHaveAttribute('data-running', 'true');
    await expect(timer).toHaveText(/^1\.\d s$/);
    await expect(cell(page, 0).getByTestId('cell-changed')).toHaveCount(0);

    // Editing after the run marks the cell; running it again clears the mark.
    await page.keyboard.press('End');
    await page.keyboard.type(';');
    await expect(cell(page, 0).getByTestId('cell-changed')).toBeVisible();
    await expect(cell(page, 0)).toHaveAttribute('data-changed', 'true');
    await page.screenshot({ path: `${ARTIFACTS}/cells-changed.png`, fullPage: true });
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0).getByTestId('cell-changed')).toHaveCount(0);
    await expect(cell(page, 0)).toHaveAttribute('data-status', 'done');
  });

  test('Restart and run all, while a cell runs, runs that cell again on a clean engine', async ({ page }) => {
    await typeInCell(page, 0, 'pause(30)');
    await leaveEditor(page, 0);
    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await page.keyboard.type('r = 7');
    await leaveEditor(page, 1);
    await page.keyboard.press('k');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-state', 'running');
    await page.getByTestId('run-menu').click();
    await page.getByTestId('restart-run-all').click();
    // The first cell runs again (so the second waits behind it), rather than being skipped.
    await expect(cell(page, 1)).toHaveAttribute('data-state', 'queued');
    await expect(cell(page, 0)).toHaveAttribute('data-state', 'running');
    await page.getByTestId('interrupt').click();
    await expect(cell(page, 0)).toHaveAttribute('data-state', 'interrupted');
    await expect(cell(page, 1)).toHaveAttribute('data-state', 'idle');
  });

  test('I I interrupts from command mode: the cell says interrupted and its timer stops', async ({ page }) => {
    await typeInCell(page, 0, 'pause(Inf)');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(cell(page, 0)).toHaveAttribute('data-state', 'running');
    await leaveEditor(page, 0);
    await page.keyboard.press('i');
    await page.keyboard.press('i');
    await expect(cell(page, 0)).toHaveAttribute('data-state', 'interrupted');
    const timer = cell(page, 0).getByTestId('cell-timer');
    await expect(timer).not.toHaveAttribute('data-running', 'true');
    await expect(timer).toHaveAttribute('title', /^Interrupted after /);
    const stopped = await timer.textContent();
    await page.waitForTimeout(300);
    await expect(timer).toHaveText(stopped ?? '');
  });
});
