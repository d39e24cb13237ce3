/** A timeline entry as its reader checks it: a summary that says `says`, recorded by `by`, at some time. */
export const entrySaying = (says: string, by: Record<string, string>) => ({
  summary: expect.stringContaining(says),
  by,
  at: expect.any(String),
});
