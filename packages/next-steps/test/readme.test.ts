import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ruleTableMarkdown } from '../src/index.js';

describe('README', () => {
  it('shows the current rule table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const match = /<!-- rule table:[^\n]*-->\n([\s\S]*?)\n<!-- end rule table -->/.exec(readme);
    expect(match?.[1]).toBe(ruleTableMarkdown());
  });
});
