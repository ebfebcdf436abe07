// The benchmark page (/bench.html): the engine's GPU suite in the browser, here on SwiftShader.
// With ?quick=1&only=copy&run=1 it runs the copy cases at once; the table must show them with a
// GPU time, and the report offered for download must be the suite's JSON.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test.describe('benchmark page', () => {
  test('runs the copy cases on WebGPU and offers the JSON', async ({ page }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto('/bench.html?quick=1&only=copy&run=1');

    // Built with the same Content-Security-Policy as the notebook.
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
    await expect(page.locator('#device')).toContainText('Adapter:');
    await expect(page.locator('body')).toHaveAttribute('data-bench-done', 'true', { timeout: 150_000 });
    await expect(page.locator('#status')).toContainText('done in');

    const rows = page.locator('#results tbody tr');
    const copy = page.locator('#results tbody tr[data-case^="copy_"]');
    expect(await copy.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.count()).toBe(await copy.count());
    await expect(page.locator('#results td.error')).toHaveCount(0);
    const gpuUs = Number(await copy.first().locator('td').nth(1).textContent());
    expect(gpuUs).toBeGreaterThan(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(report.suite).toBe('matbook');
    expect(report.suites.gpu.skipped).toBe(false);
    expect(report.suites.gpu.quick).toBe(true);
    expect(report.suites.gpu.results.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['copy_1e5', 'copy_1e6']));
    expect(report.suites.gpu.results.every((r: { kind?: string; gbps?: number }) => r.kind === 'copy' && (r.gbps ?? 0) > 0)).toBe(true);
    expect(problems).toEqual([]);
  });
});
