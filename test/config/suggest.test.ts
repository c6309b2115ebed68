// "Did you mean …?": near typos (an edit or two, a swapped pair, a different case) find their
// word; anything further finds nothing rather than a wrong guess.
import { describe, expect, it } from "vitest";
import { closestMatch, didYouMean } from "../../src/config/suggest.js";

const FIELDS = ["validation", "retention", "description", "maxAge", "maxCount"];

describe("closestMatch", () => {
  it("finds the word meant by a near typo", () => {
    expect(closestMatch("retenion", FIELDS)).toBe("retention");
    expect(closestMatch("valdiation", FIELDS)).toBe("validation");
    expect(closestMatch("MAXAGE", FIELDS)).toBe("maxAge");
    expect(closestMatch("maxcont", FIELDS)).toBe("maxCount");
  });

  it("finds nothing for words that are not near any candidate", () => {
    expect(closestMatch("colour", FIELDS)).toBeUndefined();
    expect(closestMatch("max", FIELDS)).toBeUndefined();
    expect(closestMatch("aws", ["off", "warn"])).toBeUndefined();
    expect(didYouMean("colour", FIELDS)).toBe("");
  });

  it("allows one edit only for short words", () => {
    expect(closestMatch("of", ["off"])).toBe("off");
    expect(closestMatch("ow", ["off"])).toBeUndefined();
    expect(didYouMean("Bsu", ["Bus", "Source"])).toBe("; did you mean 'Bus'?");
  });
});
