/** Reading a rendered page in tests: its tables' rows and the errors shown next to form fields. */

/** The rows of the page's `index`-th table body (default the first), as the text of their cells. */
export function tableRows(html: string, index = 0): string[][] {
  const body = [...html.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)][index]?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replaceAll('&#x27;', "'")),
  );
}

/** The error shown next to a field: its message, linked from the input by aria-describedby and marked aria-invalid. */
export function fieldError(html: string, name: string): string | undefined {
  const input = new RegExp(`<(input|textarea|select)[^>]*id="veld-${name}"[^>]*>`).exec(html)?.[0];
  if (!input?.includes(`veld-${name}-fout`) || !input.includes('aria-invalid="true"')) return undefined;
  return new RegExp(`<div [^>]*id="veld-${name}-fout">([^<]*)</div>`).exec(html)?.[1];
}
