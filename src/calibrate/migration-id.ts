/**
 * vMotion migration ids as they appear in ESXi logs.
 *
 * One vMotion has one 64-bit id, logged in decimal in vmkernel.log (`1424430291970314 S: ...`,
 * `ts = ...`), hostd.log (`VMotionSrc (id)`), vpxa.log (`[MIGRATE] (id)`) and in vmware.log's
 * `MigrateSetInfo: ... mid=<decimal>` and `Migrate_Open: ... with migration id <decimal>`.
 * vmware.log's `MigrateVMXdrToSpec: ... mid=<hex>` prints the same number in hexadecimal: the
 * vSphere 8 vmware.log excerpt at haewon83.tistory.com/m/108 shows
 * `mid=7958ea7f2d34d435` and `mid=8743996508480001077` in one migration, and
 * 0x7958EA7F2D34D435 = 8743996508480001077 exactly. Ids can exceed 2^53 (8.x prints 19 digits),
 * so they are kept as decimal strings and converted with BigInt, never through `number`.
 *
 * Example: `hexMidToDecimal("7958ea7f2d34d435")` returns `"8743996508480001077"`.
 */
export function hexMidToDecimal(hex: string): string | null {
  const clean = hex.trim().replace(/^0x/i, "");
  if (!/^[0-9a-f]{1,16}$/i.test(clean)) return null;
  return BigInt(`0x${clean}`).toString(10);
}

/** Canonical decimal form of a decimal id (no leading zeros), or null if it is not one. */
export function normalizeDecimalId(text: string): string | null {
  const clean = text.trim();
  if (!/^\d{1,20}$/.test(clean)) return null;
  const value = BigInt(clean);
  if (value >= 1n << 64n) return null;
  return value.toString(10);
}
