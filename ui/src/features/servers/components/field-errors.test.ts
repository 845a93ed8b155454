import { safeNext } from '@/features/auth/components/redirect';
import { mapFieldErrors } from './field-errors';

describe('mapFieldErrors', () => {
  it('puts nested field errors on their top-level field and keeps the rest', () => {
    const { byField, other } = mapFieldErrors(
      [
        { field: 'ssh_keys[1]', message: 'bad key' },
        { field: 'ssh_keys.2', message: 'bad too' },
        { field: 'name', message: 'taken' },
        { field: 'zone', message: 'unknown' },
      ],
      ['name', 'ssh_keys'] as const,
    );
    expect(byField).toEqual({ name: 'taken', ssh_keys: 'bad key bad too' });
    expect(other).toEqual(['zone: unknown']);
  });
});

describe('safeNext', () => {
  it.each([
    ['/servers/1', '/servers/1'],
    ['/servers?x=1', '/servers?x=1'],
    ['//evil.example', '/'],
    ['https://evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/login', '/'],
    [null, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });
});
