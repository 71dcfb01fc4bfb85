/** A start that cannot go on, with one line for the operator (src/main.ts prints it as `Cannot start: …`). */
export class StartError extends Error {
  override name = 'StartError';
}
