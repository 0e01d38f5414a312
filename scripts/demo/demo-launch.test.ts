import { DEMO_USERS } from './demo-data';
import { demoSignInLines, wantsDemo } from './demo-launch';

describe('demo launch switches', () => {
  it('seeds unless --no-demo or CADENZA_SKIP_DEMO says not to', () => {
    expect(wantsDemo(false, ['node', 'launcher.ts'])).toBe(true);
    expect(wantsDemo(false, ['node', 'launcher.ts', '--no-demo'])).toBe(false);
    expect(wantsDemo(true, ['node', 'launcher.ts'])).toBe(false);
  });

  it('prints every demo user, but no password', () => {
    const text = demoSignInLines('/data/demo-api-key');
    const lines = text.split('\n');
    expect(lines[0]).toContain('/data/demo-api-key');
    for (const user of DEMO_USERS) {
      const line = lines.find((entry) => entry.includes(user.email));
      expect(line?.trim().split(/\s+/)).toEqual([user.role, user.email]);
      expect(text).not.toContain(user.password);
    }
  });
});
