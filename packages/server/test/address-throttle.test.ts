import { describe, expect, it } from 'vitest';
import { AddressThrottle } from '../src/auth/address-throttle';

const ADDRESS = '203.0.113.7';
/** Lets every promise that can settle do so. */
const settleAll = () => new Promise((resolve) => setImmediate(resolve));

describe('the sign-in throttle per address', () => {
  it('judges at most the limit at once, lets the next in when one succeeds, and refuses the rest once failures fill it', async () => {
    const throttle = new AddressThrottle(4, 15 * 60_000, () => 1_000_000);
    const answers: (number | null | 'waiting')[] = Array.from({ length: 10 }, () => 'waiting');
    const pending = Array.from({ length: 10 }, (_, index) =>
      throttle.admit(ADDRESS).then((answer) => {
        answers[index] = answer;
      }),
    );
    await settleAll();
    expect(answers).toEqual([null, null, null, null, ...Array.from({ length: 6 }, () => 'waiting')]);

    throttle.settle(ADDRESS, true);
    await settleAll();
    expect(answers.slice(4)).toEqual([null, 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);

    // Four failures: the limit is reached and everyone waiting is told how long to wait.
    for (let n = 0; n < 4; n += 1) throttle.settle(ADDRESS, false);
    await settleAll();
    expect(answers.slice(5)).toEqual([900, 900, 900, 900, 900]);
    await Promise.all(pending);
    expect(await throttle.admit('198.51.100.1')).toBeNull();
  });

  it('counts only failures: many successes one after another never throttle', async () => {
    const throttle = new AddressThrottle(4, 15 * 60_000);
    for (let n = 0; n < 50; n += 1) {
      expect(await throttle.admit(ADDRESS)).toBeNull();
      throttle.settle(ADDRESS, true);
    }
    for (let n = 0; n < 3; n += 1) {
      expect(await throttle.admit(ADDRESS)).toBeNull();
      throttle.settle(ADDRESS, false);
    }
    expect(await throttle.admit(ADDRESS)).toBeNull();
    throttle.settle(ADDRESS, false);
    expect(await throttle.admit(ADDRESS)).toBeGreaterThan(0);
  });

  it('refuses at once past the longest line allowed to wait', async () => {
    const throttle = new AddressThrottle(1, 60_000, Date.now, 2);
    expect(await throttle.admit(ADDRESS)).toBeNull();
    const waiting = [throttle.admit(ADDRESS), throttle.admit(ADDRESS)];
    expect(await throttle.admit(ADDRESS)).toBe(1);
    throttle.settle(ADDRESS, true);
    expect(await waiting[0]).toBeNull();
    throttle.settle(ADDRESS, true);
    expect(await waiting[1]).toBeNull();
  });
});
