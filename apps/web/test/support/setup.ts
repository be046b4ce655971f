import { configure } from '@testing-library/dom';
import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves out TextEncoder, which react-router uses; Node's is the same API.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// jsdom has no canvas; axe measures short glyphs ("✓", "!") on one to tell icon fonts from
// text. Without it, that heuristic answers "unknown" quietly instead of logging an error.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

// A React warning (a missing key, an update outside act, a bad prop) fails the test that
// caused it instead of scrolling by.
const original = console.error;
console.error = (...args: unknown[]) => {
  original(...args);
  throw new Error(`console.error during a test: ${String(args[0])}`);
};

// findBy… and waitFor wait up to 1 s by default; on two cores shared with the api's suite a
// re-render of a 50-card board can take longer. Waiting longer only slows a failing test.
configure({ asyncUtilTimeout: 5000 });
