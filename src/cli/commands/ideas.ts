// `cxlens ideas …`: the co-creation forum — near-duplicate ideas clustered, with requests from
// posts and tickets, ranked by voters, votes, voter value and churned voters. Thin: parse options,
// call src/metrics/ideas, render.
import { type Command, Option } from 'commander';
import {
  IDEA_RANK_KEYS,
  type IdeaRankKey,
  ideaCluster,
  topIdeas,
} from '../../metrics/ideas/index.js';
import { globalOptions, withStore } from '../context.js';
import { numberOption } from '../number-option.js';
import { formatCell, printJson, printTable } from '../output.js';

export function registerIdeas(program: Command): void {
  const ideas = program
    .command('ideas')
    .description(
      'ideas forum: duplicate ideas clustered, requests in posts and tickets, ranked by voters and their value',
    );

  ideas
    .command('top')
    .description(
      'idea clusters ranked by distinct voters (or votes, voter CLV, churned voters, places)',
    )
    .option(
      '--limit <n>',
      'clusters to list',
      numberOption('limit', { integer: true, min: 1, max: 1000 }),
      10,
    )
    .addOption(
      new Option('--rank-by <key>', 'ranking key').choices([...IDEA_RANK_KEYS]).default('voters'),
    )
    .option('--status <status>', 'only ideas with this status')
    .option('--no-requests', 'do not look for requests in posts and tickets')
    .addHelpText(
      'after',
      '\nExamples:\n  cxlens ideas top\n  cxlens ideas top --rank-by value --limit 5 --json',
    )
    .action(async (o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) =>
        topIdeas(store, {
          limit: o.limit as number,
          rankBy: o.rankBy as IdeaRankKey,
          includeRequests: o.requests !== false,
          ...(o.status ? { status: String(o.status) } : {}),
        }),
      );
      if (g.json) return printJson(r);
      process.stdout.write(`${r.ideas} ideas in ${r.clusters} clusters, ranked by ${r.rankBy}\n`);
      printTable(
        r.items.map((c) => ({
          rank: c.rank,
          cluster: c.clusterId,
          title: c.title,
          ideas: c.ideas.length,
          votes: c.votes,
          voters: c.voters,
          posts: c.posts,
          tickets: c.tickets,
          places: c.places,
          voter_clv: c.voterValue === null ? '' : formatCell(c.voterValue),
          churned: c.churnedVoters ?? '',
          status: c.status,
        })),
      );
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
    });

  ideas
    .command('show')
    .description('one idea cluster: its ideas and the posts and tickets asking for it')
    .argument('<cluster>', 'a cluster id or any idea id in it (e.g. IDEA-0002)')
    .addHelpText('after', '\nExample:\n  cxlens ideas show IDEA-0002')
    .action(async (id: string, _o: Record<string, unknown>, cmd: Command) => {
      const g = globalOptions(cmd);
      const r = await withStore(g, (store) => ideaCluster(store, { id }));
      if (g.json) return printJson(r);
      const c = r.cluster;
      process.stdout.write(
        `${c.clusterId} "${c.title}": ${c.ideas.length} ideas, ${c.votes} votes, ${c.voters} distinct voters; asked for in ${c.places} places (${c.posts} posts, ${c.tickets} tickets)\n`,
      );
      printTable(
        r.ideas.map((i) => ({
          idea: i.ideaId,
          title: i.title,
          votes: i.votes,
          voters: i.voters,
          status: i.status,
          created: i.createdAt,
        })),
      );
      process.stdout.write('\nRequests in posts and tickets\n');
      printTable(
        r.requests.map((q) => ({
          kind: q.kind,
          id: q.sourceId,
          at: q.createdAt,
          similarity: q.similarity,
          text: q.text,
        })),
      );
      for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
    });
}
