/** Helpers to work the React Aria fields the way a user does: click, type, pick. */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The field (label + control) whose label reads exactly `label`, inside `scope`. */
export function field(scope: Page | Locator, label: string): Locator {
  // the inner locator of `has` is matched inside each candidate: build it from the page, not the scope
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
  return scope.locator('.field').filter({ has: page.locator(':scope > .react-aria-Label, :scope > .field-label', { hasText: exact(label) }) }).first();
}

/** Types into a text field. */
export async function fill(scope: Page | Locator, label: string, value: string): Promise<void> {
  await field(scope, label).locator('input, textarea').first().fill(value);
}

/** Opens a drop-down list and picks an option. */
export async function pick(page: Page, scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
  await field(scope, label).locator('button').first().click();
  await page.getByRole('option', { name: typeof option === 'string' ? exact(option) : option }).click();
  // a single-choice list closes itself; a multiple-choice one is closed with Escape by the caller
}

/** Types into a combo box and picks the option that appears. */
export async function comboPick(page: Page, scope: Page | Locator, label: string, typed: string, option: string | RegExp): Promise<void> {
  const input = field(scope, label).locator('input');
  await input.fill(typed);
  await page.getByRole('option', { name: typeof option === 'string' ? exact(option) : option }).click();
}

/** Waits until the text of `locator` matches. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) ? ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim() : ''), { timeout: 10_000 })
    .toMatch(typeof expected === 'string' ? exact(expected) : expected);
}

/** The texts of the State column of the Requests table (the rendered rows). */
export async function tableStates(page: Page): Promise<string[]> {
  return (await page.locator('.vtable-body .col-state').allTextContents()).map((t) => t.trim());
}
