/** A buffer with a fixed capacity in some unit (bytes, records). It never goes over capacity. */
export class BoundedBuffer {
  private used = 0;

  constructor(readonly capacity: number) {}

  get level(): number {
    return this.used;
  }

  get free(): number {
    return this.capacity - this.used;
  }

  /** Adds `amount` if it fits; false (and no change) when it does not. */
  tryAdd(amount: number): boolean {
    if (this.used + amount > this.capacity) return false;
    this.used += amount;
    return true;
  }

  remove(amount: number): void {
    this.used = Math.max(0, this.used - amount);
  }
}
