// Screenshots of one screen at the two sizes a centre's consoles have (1366×768 laptops, 1920×1080 monitors).
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

export const LAPTOP = { width: 1366, height: 768 };
export const MONITOR = { width: 1920, height: 1080 };

/** Saves `<name>-1366.png` and `<name>-1920.png`, then puts the page back at 1366×768. */
export async function screenshotBothSizes(
  page: Page,
  name: string,
  before?: () => Promise<void>,
): Promise<void> {
  await page.setViewportSize(MONITOR);
  await before?.();
  await screenshot(page, `${name}-1920`);
  await page.setViewportSize(LAPTOP);
  await before?.();
  await screenshot(page, `${name}-1366`);
}
