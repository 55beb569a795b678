import { loadConfig } from '../../src/config';

/**
 * The default lockout with the address throttle out of reach: every test request comes from 127.0.0.1, so this
 * stands for guessing spread over many addresses, which the account lockout is there to stop, at a pace no minute limit meets.
 */
export const MANY_ADDRESSES = { ...loadConfig({}).lockout, addressFailures: 1_000, attemptsPerMinute: 1_000 };
