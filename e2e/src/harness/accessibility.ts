// Accessibility check of the page a test is on: axe-core (the engine of browsers' own audits) run in the page;
// any serious or critical violation fails the test with the rule, the elements and what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** Every violation axe finds on the page as it is now, whatever its impact. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the debugging protocol, so the console's CSP (scripts from its own origin only) allows it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeRun> } }).axe;
    interface AxeRun {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    }
    const run = await axe.run(document, { resultTypes: ['violations'] });
    return run.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
  });
}

/** The serious and critical violations on the page as it is now (what the tests refuse). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails when axe reports a serious or critical violation on the current page; `screen` names it in the error. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const serious = await seriousViolations(page);
  if (serious.length === 0) return;
  const lines = serious.map(
    (v) => `- ${v.rule} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`,
  );
  throw new Error(
    `accessibility of ${screen}: ${serious.length} serious or critical violations\n${lines.join('\n')}`,
  );
}
