/** Response times of one kind of request, in milliseconds. */
export class Sample {
  private readonly times: number[] = [];

  add(ms: number): void {
    this.times.push(ms);
  }

  get count(): number {
    return this.times.length;
  }

  /** Nearest-rank percentile. */
  percentile(p: number): number {
    if (this.times.length === 0) return 0;
    const sorted = [...this.times].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  }

  line(label: string): string {
    const ms = (p: number) => `${this.percentile(p).toFixed(0)} ms`.padStart(8);
    return `${label.padEnd(20)} ${String(this.count).padStart(6)} ${ms(50)} ${ms(95)} ${ms(99)}`;
  }
}
