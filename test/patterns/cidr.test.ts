// cidr: IPv4 and IPv6 blocks matching string addresses of the same family; malformed blocks
// rejected with AWS's wording.
import { describe, expect, it } from "vitest";
import { ipv4Word, parseIp } from "../../src/patterns/cidr.js";
import { matches, problem } from "./support.js";

describe("cidr", () => {
  it("matches IPv4 addresses inside the block", () => {
    const pattern = { ip: [{ cidr: "10.0.0.0/24" }] };
    expect(matches(pattern, { ip: "10.0.0.255" })).toBe(true);
    expect(matches(pattern, { ip: "10.0.1.0" })).toBe(false);
    expect(matches(pattern, { ip: "10.0.0.256" })).toBe(false);
    expect(matches(pattern, { ip: "10.0.0" })).toBe(false);
    expect(matches(pattern, { ip: 10 })).toBe(false);
  });

  it("handles prefix lengths that are not whole bytes, and the extremes", () => {
    expect(matches({ ip: [{ cidr: "192.168.0.0/23" }] }, { ip: "192.168.1.7" })).toBe(true);
    expect(matches({ ip: [{ cidr: "192.168.0.0/23" }] }, { ip: "192.168.2.7" })).toBe(false);
    expect(matches({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "8.8.8.8" })).toBe(true);
    expect(matches({ ip: [{ cidr: "8.8.8.8/32" }] }, { ip: "8.8.8.8" })).toBe(true);
    expect(matches({ ip: [{ cidr: "8.8.8.8/32" }] }, { ip: "8.8.8.9" })).toBe(false);
    expect(matches({ ip: [{ cidr: "10.1.2.3/8" }] }, { ip: "10.200.0.1" })).toBe(true);
  });

  it("matches IPv6 addresses written in any standard form", () => {
    const pattern = { ip: [{ cidr: "2001:db8:1234:1a00::/64" }] };
    expect(matches(pattern, { ip: "2001:0db8:1234:1a00:0000:0000:0000:0000" })).toBe(true);
    expect(matches(pattern, { ip: "2001:DB8:1234:1A00::1" })).toBe(true);
    expect(matches(pattern, { ip: "2001:0db8:123f:1a01::" })).toBe(false);
    expect(matches({ ip: [{ cidr: "::ffff:0:0/96" }] }, { ip: "::ffff:10.0.0.1" })).toBe(true);
    expect(matches({ ip: [{ cidr: "::/0" }] }, { ip: "::" })).toBe(true);
    expect(matches({ ip: [{ cidr: "fe80::/10" }] }, { ip: "fe80::1%eth0" })).toBe(false);
  });

  it("never mixes families", () => {
    expect(matches({ ip: [{ cidr: "0.0.0.0/0" }] }, { ip: "::1" })).toBe(false);
    expect(matches({ ip: [{ cidr: "::/0" }] }, { ip: "127.0.0.1" })).toBe(false);
  });

  it("rejects malformed blocks with the reason", () => {
    expect(problem({ ip: [{ cidr: "bad-filter" }] }).message).toMatch(/^Malformed CIDR, one '\/' required/);
    expect(problem({ ip: [{ cidr: "bad-/64filter" }] }).message).toBe('Malformed CIDR, mask bits must be an integer (got "64filter")');
    expect(problem({ ip: [{ cidr: "xx.11.xx/8" }] }).message).toMatch(/^Nonstandard IP address: xx\.11\.xx/);
    expect(problem({ ip: [{ cidr: "10.0.0.0/33" }] }).message).toBe("Malformed CIDR, mask bits must be between 0 and 32 for an IPv4 address (got 33)");
    expect(problem({ ip: [{ cidr: "::/129" }] }).message).toBe("Malformed CIDR, mask bits must be between 0 and 128 for an IPv6 address (got 129)");
    expect(problem({ ip: [{ cidr: "1:2:3:4:5:6:7:8:9/64" }] }).message).toMatch(/^Nonstandard IP address/);
    expect(problem({ ip: [{ cidr: "1::2::3/64" }] }).message).toMatch(/^Nonstandard IP address/);
    expect(problem({ ip: [{ cidr: "010.0.0.0/8" }] }).message).toMatch(/^Nonstandard IP address/);
    expect(problem({ ip: [{ cidr: ["10.0.0.0/8"] }] })).toEqual({ pointer: "/ip/0/cidr", message: 'cidr match pattern must be a string such as "10.0.0.0/24" (got a list)' });
  });

  it("reads an IPv4 address as one number exactly when it parses as one (the index's lookup)", () => {
    const texts = ["0.0.0.0", "255.255.255.255", "192.168.1.7", "10.0.0.1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "", " 1.2.3.4", "1.2.3.4 ", "1.2.3.a", "::ffff:10.0.0.1", "1.2.3.1000"];
    for (const text of texts) {
      const bytes = parseIp(text);
      const word = bytes?.length === 4 ? (((bytes[0] ?? 0) * 256 + (bytes[1] ?? 0)) * 256 + (bytes[2] ?? 0)) * 256 + (bytes[3] ?? 0) : -1;
      expect(ipv4Word(text), text).toBe(word);
    }
    expect(matches({ ip: [{ cidr: "255.255.255.0/24" }, { cidr: "192.168.0.0/16" }] }, { ip: "255.255.255.254" })).toBe(true);
    expect(matches({ ip: [{ cidr: "255.255.255.0/24" }, { cidr: "192.168.0.0/16" }] }, { ip: ["10.0.0.1", "192.168.200.1"] })).toBe(true);
    expect(matches({ ip: [{ cidr: "255.255.255.0/24" }, { cidr: "2001:db8::/32" }] }, { ip: "2001:db8::1" })).toBe(true);
    expect(matches({ ip: [{ cidr: "255.255.255.0/24" }, { cidr: "2001:db8::/32" }] }, { ip: "255.255.254.1" })).toBe(false);
  });
});
