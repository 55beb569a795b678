/**
 * Failed sign-ins counted per internet address across every email. It answers before any password is checked,
 * and its limit sits below the account lockout's, so a flood from one address is refused (429) rather than
 * locking the accounts it names; the account lockout is left for guessing spread over many addresses.
 * Held in memory: it only needs to outlast a flood, and one server serves a shelter.
 */
export class AddressThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Seconds the address must wait, or null when it may try now. An admitted attempt counts as a failure at once,
   * so attempts sent together cannot all pass before the first is judged; `succeeded` takes it back.
   */
  admit(address: string | null): number | null {
    if (address === null) return null;
    const recent = this.recent(address);
    if (recent.length >= this.limit) return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
    this.failures.set(address, [...recent, this.now()]);
    return null;
  }

  succeeded(address: string | null): void {
    if (address === null) return;
    const recent = this.recent(address);
    if (recent.length > 0) this.failures.set(address, recent.slice(0, -1));
  }

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(address) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(address);
    return recent;
  }
}
