import { decodeJwt } from 'jose';
import { verifyToken } from '../../src/runtime/auth';
import { DEV_JWT_SECRET } from '../../src/runtime/config';
import { tokenFromArgs } from '../../src/runtime/token-cli';

describe('corridor-token', () => {
  it('prints a token the services accept, with the requested claims', async () => {
    const token = await tokenFromArgs(
      [
        '--region',
        'CN-BJ',
        '--roles',
        'agency-writer,agency-reader',
        '--sub',
        'alice',
        '--agency',
        'bj-tech',
      ],
      {},
    );
    const principal = await verifyToken(token, DEV_JWT_SECRET);
    expect(principal).toEqual({
      sub: 'alice',
      region: 'CN-BJ',
      roles: ['agency-writer', 'agency-reader'],
      agency: 'bj-tech',
    });
    expect(decodeJwt(token).iss).toBe('corridor');
  });

  it('signs with JWT_SECRET when set', async () => {
    const secret = 'a-secret-from-the-environment';
    const token = await tokenFromArgs(['--region', 'CN-SH', '--roles', 'operator'], { JWT_SECRET: secret });
    await expect(verifyToken(token, secret)).resolves.toMatchObject({ region: 'CN-SH', roles: ['operator'] });
    await expect(verifyToken(token, DEV_JWT_SECRET)).rejects.toThrow();
  });

  it('refuses unknown roles and missing arguments', async () => {
    await expect(tokenFromArgs(['--region', 'CN-BJ', '--roles', 'superuser'], {})).rejects.toThrow(
      /unknown role/,
    );
    await expect(tokenFromArgs(['--roles', 'admin'], {})).rejects.toThrow(/usage/);
  });
});
