// Writes the statechart's Mermaid diagram, generated from the machine definition, to
// diagram/case-machine.mmd. Run through `pnpm --filter @impasse/case-machine diagram`,
// which builds first: this script reads the compiled package, not the TypeScript sources.
// A test (test/diagram.test.ts) fails while the committed file is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { statechartMermaid } from '../dist/index.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'diagram', 'case-machine.mmd');
writeFileSync(target, statechartMermaid());
console.log(`wrote ${target}`);
