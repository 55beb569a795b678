/**
 * Failed sign-ins counted per internet address across every email. It answers before any password is checked,
 * and its limit sits below the account lockout's, so a flood from one address is refused (429) rather than
 * locking the accounts it names; the account lockout is left for guessing spread over many addresses.
 *
 * Only failures count. Attempts sent together must still not all be judged before the first failure is known
 * (35 wrong passwords at once would otherwise lock every account they name), so each attempt in flight holds a
 * place under the limit while its password is checked: with `f` recent failures, at most `limit - f` attempts
 * from one address are judged at once, and the rest wait in arrival order for one of them to end. An attempt
 * that succeeds gives its place to the next in line; one that fails becomes a failure and its place is gone. So
 * twenty colleagues behind one shelter's shared address who sign in at the same moment all get in, a few at a
 * time, and a flood of wrong passwords has at most `limit` of them judged before the rest are answered 429.
 * (Rejected: a separate, larger bound on attempts in flight, or counting attempts in flight only once failures
 * exist: either lets a flood sent at once have more passwords judged than the limit, enough to lock accounts.)
 * At most `maxWaiting` attempts wait per address; past that an attempt is refused at once, as busy.
 *
 * Held in memory: it only needs to outlast a flood, and one server serves a shelter.
 */
export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxWaiting = 100,
  ) {}

  /**
   * Waits for a place, then answers null when the address may try now (the caller must then `settle` the
   * attempt, whatever happens), or the seconds the address must wait.
   */
  async admit(address: string | null): Promise<number | null> {
    if (address === null) return null;
    for (;;) {
      const recent = this.recent(address);
      if (recent.length >= this.limit) return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
      const judged = this.inFlight.get(address) ?? 0;
      if (recent.length + judged < this.limit) {
        this.inFlight.set(address, judged + 1);
        return null;
      }
      const line = this.waiting.get(address) ?? [];
      if (line.length >= this.maxWaiting) return 1;
      this.waiting.set(address, line);
      await new Promise<void>((resolve) => line.push(resolve));
    }
  }

  /** Ends an admitted attempt: a failure counts towards the limit; either way the next in line is judged. */
  settle(address: string | null, succeeded: boolean): void {
    if (address === null) return;
    const judged = (this.inFlight.get(address) ?? 1) - 1;
    if (judged > 0) this.inFlight.set(address, judged);
    else this.inFlight.delete(address);
    if (!succeeded) this.failures.set(address, [...this.recent(address), this.now()]);
    // Everyone waiting looks again, in arrival order: a success frees one place, a failure may end them all.
    const line = this.waiting.get(address) ?? [];
    this.waiting.delete(address);
    for (const wake of line) wake();
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(address);
    return recent;
  }
}
