import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORRECTED_FIELDS,
  DEVICES,
  PARTIES,
  USERS,
  World,
  holdings,
  settledProblems,
  type Action,
} from './support/sync-world';

/**
 * Issue 11's property: whatever the interleaving of offline work on three devices (two syncing with the
 * central server, one with a shelter's hub), changes at the head office (access granted and ended, cases
 * closed, reopened, corrected, removed) and a network that loses answers, delivers twice or late, every change
 * ends applied or held on the server, nothing removed comes back, a device holds exactly what it may, and once
 * everyone syncs all parties hold the same. The devices run the real engine; the server and hub are models
 * built on core's real rules (support/sync-model-server.ts).
 */

const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 10_000);

const device = fc.constantFrom(...DEVICES);
const party = fc.constantFrom(...PARTIES);
const pick = fc.nat({ max: 5 });

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ do: fc.constantFrom('note', 'service', 'supersede'), who: device, pick }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        do: fc.constant('correct'),
        who: device,
        pick,
        field: fc.nat({ max: CORRECTED_FIELDS.length - 1 }),
        value: fc.nat({ max: 2 }),
        field2: fc.nat({ max: CORRECTED_FIELDS.length - 1 }),
      },
      { requiredKeys: ['do', 'who', 'pick', 'field', 'value'] },
    ),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('intake'), who: device }) },
  {
    weight: 4,
    arbitrary: fc.record({
      do: fc.constant('push'),
      who: party,
      max: fc.integer({ min: 1, max: 4 }),
      fault: fc.constantFrom('none', 'none', 'lost', 'twice', 'late'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ do: fc.constant('pull'), who: party, lost: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('deliverLate'), index: fc.nat({ max: 3 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ do: fc.constant('assign'), pick, to: fc.constantFrom(...USERS, null) }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('remove'), pick }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constantFrom('close', 'reopen'), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      do: fc.constant('correctOnline'),
      pick,
      field: fc.nat({ max: CORRECTED_FIELDS.length - 1 }),
      value: fc.nat({ max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('busy'), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('discard'), index: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ do: 'nextDay' as const }) },
);

const scenario = fc.record({
  /** Who each of the first cases is assigned to at the start (null: no one, only the hub holds it). */
  cases: fc.array(fc.constantFrom(...USERS, null), { minLength: 1, maxLength: 3 }),
  actions: fc.array(action, { maxLength: 40, size: 'max' }),
});

function play({ cases, actions }: { cases: (typeof USERS)[number][] | (string | null)[]; actions: Action[] }): World {
  const world = new World(cases as ((typeof USERS)[number] | null)[]);
  for (const step of actions) {
    world.run(step);
    world.checkNothingCameBack();
  }
  world.settle();
  return world;
}

/** Outcomes the runs must reach, or the property would hold for want of trying. */
const MUST_HAPPEN = [
  'server answered applied',
  'server answered stale_field',
  'server answered case_closed',
  'server answered case_not_reachable',
  'server answered bad_correction',
  'server answered failed',
  'hub answered failed',
  'hub answered applied',
  'tombstone removed',
  'tombstone access_ended',
  'push lost',
  'push twice',
  'push late',
];

describe('offline sync converges whatever happens on the way', () => {
  it(`holds over ${RUNS} random interleavings`, () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(scenario, (input) => {
        const world = play(input);
        for (const [what, count] of world.seen) seen.set(what, (seen.get(what) ?? 0) + count);
        expect(settledProblems(world)).toEqual([]);
        for (const who of PARTIES) {
          const { actual, expected } = holdings(world, who);
          expect(actual, who).toEqual(expected);
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.SYNC_PROPERTY_STATS) console.log(Object.fromEntries([...seen].sort()));
    expect(MUST_HAPPEN.filter((what) => !seen.has(what))).toEqual([]);
  }, 300_000);
});
