/** A folder that is not a sweep folder, or whose plan does not match its sweep file (exit 2). */
export class SweepFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepFolderError';
  }
}
