// The `dossier` command line: each command is a thin module under commands/.
import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import { ingestCommand } from './commands/ingest.js';
import { entitiesCommand, showCommand } from './commands/entities.js';
import { searchCommand } from './commands/search.js';
import { eventsCommand } from './commands/events.js';
import { listsCommand, screenCommand } from './commands/lists.js';
import { startCommand } from './commands/start.js';
import { serveCommand } from './commands/serve.js';
import { jobsCommand, workerCommand } from './commands/worker.js';
import { alertsCommand, watchCommand } from './commands/watch.js';
import { claimsCommand } from './commands/claims.js';
import { printFailure } from './io.js';

const program = new Command('dossier')
  .description('Dossier: entities, claims, events and corroboration from news articles')
  .version('0.1.0')
  .showHelpAfterError();

for (const register of [analyzeCommand, ingestCommand, entitiesCommand, showCommand, searchCommand, eventsCommand, claimsCommand, listsCommand, screenCommand, startCommand, serveCommand,
  workerCommand, jobsCommand, watchCommand, alertsCommand]) {
  register(program);
}

(await import('./commands/check.js')).checkCommand(program);
(await import('./commands/export.js')).exportCommands(program);
program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    printFailure(err);
    process.exitCode = 1;
  }
}
