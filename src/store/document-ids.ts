// Document ids both stores give: the FORMAT id when free, else the id with a short content hash.

/** The ids a document may take, in order of preference: its FORMAT id, then the id with ever longer
 *  prefixes of its content hash (two files named alike in different folders). */
export function documentIdOptions(wanted: string, hash: string): string[] {
  const options = [wanted];
  for (let n = 8; n <= hash.length; n += 4) options.push(`${wanted}-${hash.slice(0, n)}`);
  return options;
}
