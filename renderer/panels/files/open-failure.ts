/**
 * What the app says when a file does not open. The back end's message may already say which file
 * and that it cannot be opened or read ("cannot open broken.json: line 3: …"); it is then said as
 * it is, capitalised, rather than wrapped in a second "Cannot open broken.json:".
 */
export function openFailureMessage(fileName: string | null, reason: string): string {
  if (/^cannot (open|read) /i.test(reason)) return reason.charAt(0).toUpperCase() + reason.slice(1);
  return `Cannot open ${fileName ?? 'the file'}: ${reason}`;
}
