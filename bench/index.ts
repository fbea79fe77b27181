/** `npm run bench -- <name>`: runs one benchmark and prints its figures. */
const benchmarks: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  ack: () => import('./ack.js'),
  fanout: () => import('./fanout.js'),
  sign: () => import('./sign.js'),
  reminders: () => import('./reminders.js'),
  rsvp: () => import('./rsvp.js'),
  votes: () => import('./votes.js'),
  nudge: () => import('./nudge.js'),
  post: () => import('./post.js'),
  soak: () => import('./soak.js'),
};

const name = process.argv[2];
const load = name ? benchmarks[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}>`);
  process.exit(2);
}
await (await load()).run();
