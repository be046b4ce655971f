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
