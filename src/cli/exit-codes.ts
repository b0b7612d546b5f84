/** design.md "Command line": 0 success, 1 unexpected failure, 2 bad usage or invalid scenario. */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;
