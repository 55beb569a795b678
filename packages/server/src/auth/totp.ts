import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { RECOVERY_CODE_COUNT, TOTP_DIGITS } from '@homeward/core';

const PERIOD_SECONDS = 30;
/** One step either side: a phone clock 30 seconds off, or a code typed just as it changed, still works. */
const DRIFT_STEPS = 1;

function totpFor(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer: 'Homeward',
    label,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, accountLabel: string): string {
  return totpFor(secret, accountLabel).toString();
}

/**
 * The time step a code belongs to, or null when it matches none within the drift window. The caller refuses a
 * step at or before the last one accepted, so a code seen over someone's shoulder cannot be used again.
 */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: DRIFT_STEPS });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

// No 0/O or 1/I/L: recovery codes are copied from paper.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten codes like `K7MQP-3XZ9A`: 50 bits each, so a plain SHA-256 is a fair hash for them. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex');
}

export function looksLikeTotp(code: string): boolean {
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(normaliseCode(code));
}
