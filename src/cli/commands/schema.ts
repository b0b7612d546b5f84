import type { Command } from '@commander-js/extra-typings';
import { scenarioJsonSchema } from '../../scenario/schema.ts';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the scenario JSON Schema (draft-07), for editors')
    .action(() => {
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    });
}
