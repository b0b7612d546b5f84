import type { Command } from '@commander-js/extra-typings';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the scenario JSON Schema (draft-07), for editors')
    .addHelpText(
      'after',
      `
Editors that read JSON Schema (VS Code with the Red Hat YAML extension, JetBrains) then check and
complete scenario files. In a YAML file, a first line
  # yaml-language-server: $schema=../scenario.schema.json
points at it (the path is relative to the file); in a JSON file, a "$schema" key does.

Example:
  streamsim schema > scenario.schema.json`,
    )
    .action(async () => {
      const { scenarioJsonSchemaText } = await import('../../index.ts');
      process.stdout.write(scenarioJsonSchemaText());
    });
}
