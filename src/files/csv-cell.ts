/**
 * One text cell of a CSV file we write, safe to open in a spreadsheet. Following OWASP's "CSV
 * Injection" advice, a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (which
 * Excel, LibreOffice and Google Sheets would run as a formula) gets a leading `'` and is quoted;
 * a cell holding `"`, `,` or a line break is quoted with `"` doubled (RFC 4180), so csv-parse and
 * spreadsheets read it back as one field. Numbers are written as numbers and never pass here.
 *
 * Example: `csvCell("=HYPERLINK(1)")` is `"'=HYPERLINK(1)"`; `csvCell("db,01")` is `"db,01"`.
 */
export function csvCell(text: string): string {
  const formula = /^[=+\-@\t\r]/.test(text);
  const s = formula ? `'${text}` : text;
  return formula || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
