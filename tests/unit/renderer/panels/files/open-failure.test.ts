import { describe, expect, it } from 'vitest';
import { openFailureMessage } from '../../../../../renderer/panels/files/open-failure';

describe('the message when a file does not open', () => {
  it('says the back end’s own "cannot open" once, not twice', () => {
    expect(openFailureMessage('broken.json', 'cannot open broken.json: the file is not valid JSON (line 3, column 7)')).toBe(
      'Cannot open broken.json: the file is not valid JSON (line 3, column 7)',
    );
    expect(openFailureMessage('big.json', 'cannot read big.json: it is larger than 50 MB')).toBe('Cannot read big.json: it is larger than 50 MB');
  });

  it('names the file when the reason does not', () => {
    expect(openFailureMessage('vae.json', 'the folder of vae.json does not exist in the project folder')).toBe('Cannot open vae.json: the folder of vae.json does not exist in the project folder');
    expect(openFailureMessage(null, 'the back end did not answer')).toBe('Cannot open the file: the back end did not answer');
  });
});
