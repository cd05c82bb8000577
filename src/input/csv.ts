import { parse } from "csv-parse/sync";
import { InputError } from "../errors.js";

/** One CSV record and the line it ends on (1-based), for error messages. */
export interface CsvRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/**
 * The records of a CSV text, read by csv-parse (RFC 4180: quoted cells may hold commas, quotes
 * doubled, CRLF or LF), with a UTF-8 byte-order mark dropped, cells trimmed, blank lines and
 * lines starting with `#` skipped. A malformed file (an unclosed quote, ...) is an InputError
 * `bad-file` naming `file` and the line. Rows may have any number of cells: callers check.
 *
 * Example: `readCsv('name,memory\n"db,01",64GiB\n', "inv.csv")` returns
 * `[{ cells: ["name", "memory"], line: 1 }, { cells: ["db,01", "64GiB"], line: 2 }]`.
 */
export function readCsv(text: string, file: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      comment: "#",
      comment_no_infix: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    const where = e.lines === undefined ? file : `${file} line ${e.lines}`;
    throw new InputError("bad-file", where, `is not valid CSV: ${e.message.split("\n")[0] ?? ""}`);
  }
  return records.map((r) => ({ cells: r.record, line: r.info.lines }));
}
