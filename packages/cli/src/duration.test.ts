import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads minutes, hours and both', () => {
    expect(['45m', '45', '1h', '1h30m', '1.5h', '2h 5m', '10min', ' 3M '].map(parseDuration)).toEqual([45, 45, 60, 90, 90, 125, 10, 3]);
  });
  it('refuses anything else', () => {
    expect(['', 'h', 'm', 'soon', '45s', '-5m', '1d'].map(parseDuration)).toEqual([null, null, null, null, null, null, null]);
  });
});
