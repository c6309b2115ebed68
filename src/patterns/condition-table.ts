// One shared copy of each distinct field condition in the rule index. Thousands of rules repeat
// the same conditions (`"source": ["cvm.cloud.tencent"]`, a severity, a threshold); the index
// keeps one compiled condition per path and canonical key, counted by the branches using it,
// so its memory grows with the distinct conditions rather than with the rules, and the tail
// tests of different rules touch the same few objects.
import type { Branch, FieldCondition } from "./field-condition.js";

interface Shared {
  readonly condition: FieldCondition;
  uses: number;
}

/** Distinct conditions by path and key, with use counts. */
export class ConditionTable {
  private readonly shared = new Map<string, Shared>();

  /** The branch with each condition replaced by its shared copy (counting one use of each). */
  intern(branch: Branch): Branch {
    return branch.map((condition) => {
      const id = idOf(condition);
      let entry = this.shared.get(id);
      if (!entry) {
        entry = { condition, uses: 0 };
        this.shared.set(id, entry);
      }
      entry.uses++;
      return entry.condition;
    });
  }

  /** Counts one use less of each condition of an interned branch. */
  release(branch: Branch): void {
    for (const condition of branch) {
      const id = idOf(condition);
      const entry = this.shared.get(id);
      if (entry && --entry.uses === 0) this.shared.delete(id);
    }
  }
}

function idOf(condition: FieldCondition): string {
  return `${condition.path}\u0000${condition.key}`;
}
