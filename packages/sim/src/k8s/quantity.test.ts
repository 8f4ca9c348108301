import { it, expect } from 'vitest';
import { parseQuantity, formatQuantity } from './quantity.js';

it('parses and formats quantities', () => {
  expect(parseQuantity('500m')).toBe(0.5);
  expect(parseQuantity('2')).toBe(2);
  expect(parseQuantity('1Gi')).toBe(1024 ** 3);
  expect(parseQuantity('128M')).toBe(128e6);
  expect(() => parseQuantity('abc')).toThrow();
  expect(formatQuantity('requests.cpu', 0.25)).toBe('250m');
  expect(formatQuantity('requests.memory', 2 * 1024 ** 3)).toBe('2Gi');
});
