import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves out TextEncoder, which react-router uses; Node's is the same API.
Object.assign(globalThis, { TextEncoder, TextDecoder });

// A React warning (a missing key, an update outside act, a bad prop) fails the test that
// caused it instead of scrolling by.
const original = console.error;
console.error = (...args: unknown[]) => {
  original(...args);
  throw new Error(`console.error during a test: ${String(args[0])}`);
};
