// A bounded cache of built street tiles, emptied when the streets are re-imported (checked once a minute).
export class TileCache {
  private readonly tiles = new Map<string, Promise<string>>();
  private stamp = '';
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly currentStamp: () => Promise<string>,
    private readonly max = 4000,
    private readonly recheckMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, build: () => Promise<string>): Promise<string> {
    if (this.now() - this.checkedAt >= this.recheckMs) {
      this.checkedAt = this.now();
      const stamp = await this.currentStamp();
      if (stamp !== this.stamp) this.tiles.clear();
      this.stamp = stamp;
    }
    const hit = this.tiles.get(key);
    if (hit) {
      this.tiles.delete(key); // most recently used last
      this.tiles.set(key, hit);
      return hit;
    }
    const built = build().catch((err: unknown) => {
      this.tiles.delete(key);
      throw err;
    });
    this.tiles.set(key, built);
    if (this.tiles.size > this.max) this.tiles.delete(this.tiles.keys().next().value!);
    return built;
  }
}
