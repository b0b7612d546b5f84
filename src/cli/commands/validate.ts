import type { Command } from '@commander-js/extra-typings';
import { loadScenarioFile } from '../../scenario/load.ts';
import { ScenarioError } from '../../scenario/problem.ts';

export function addValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check scenario files; print file:line:col: problem for each problem')
    .argument('<file...>', 'scenario files (YAML or JSON)')
    .action((files) => {
      const problems = files.flatMap((file) => {
        try {
          loadScenarioFile(file);
          return [];
        } catch (error) {
          if (error instanceof ScenarioError) return error.problems;
          throw error;
        }
      });
      if (problems.length > 0) throw new ScenarioError(problems);
      process.stdout.write(`${files.length === 1 ? files[0] : `${files.length} files`}: valid\n`);
    });
}
