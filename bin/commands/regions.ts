/** `skc regions`: the Teknikcollege regions a CSV, a flag or a form takes, one per line. */
import { regions } from '../../surveys/regions.ts';
import { UsageError, type Command } from '../command.ts';

export const command: Command = {
  usage: 'regions',
  summary: 'the Teknikcollege regions (slug, name, municipalities) a CSV, flag or form takes',
  options: {},
  async run({ positionals }, context) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    for (const region of regions) {
      const municipalities = region.municipalities.length > 0 ? region.municipalities.join(', ') : '–';
      context.out(`${region.slug}\t${region.name}\t${municipalities}`);
    }
  },
};
