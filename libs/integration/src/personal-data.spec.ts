import { REMOVED } from '@qf/kernel';
import { redactHeader, redactPersonalData } from './personal-data';

describe('a dead-lettered message without personal data (SPEC §9, §8)', () => {
  it('removes identity fields under whatever name a sender gives them', () => {
    const value = { type: 'order.dispatched', orderNo: 'IN-1', payload: { channel: 'phone', content: '路灯不亮', callerName: '李四', callerPhone: '13712345678', contact: { tel: '1' }, 身份证号: '110101199003071234', unitId: 'U-JD-02', caller: { name: '张三' } } };
    const redacted = redactPersonalData(value) as { payload: Record<string, unknown> };
    expect(redacted.payload).toMatchObject({ channel: 'phone', content: '路灯不亮', unitId: 'U-JD-02', callerName: REMOVED, callerPhone: REMOVED, contact: REMOVED, caller: REMOVED });
    expect(JSON.stringify(redacted)).not.toMatch(/李四|张三|13712345678|110101199003071234/);
  });

  it('blots phone numbers out of text however they are written', () => {
    const text = '回电 138 1234 5678 或 +86-139-1234-5678 或 13912345678 或 0571-88889999 或 (010) 12345678，身份证110101199003071234';
    const redacted = redactPersonalData(text) as string;
    expect(redacted).not.toMatch(/\d{4}/);
    expect(redacted).toContain('回电');
    // Order numbers, dates and amounts are not phone numbers.
    expect(redactPersonalData('工单 RX20260316-0001 于 2026-03-16 处理，金额 1200 元')).toBe('工单 RX20260316-0001 于 2026-03-16 处理，金额 1200 元');
  });

  it('drops what lies deeper than any message of ours, and takes headers without names', () => {
    let deep: unknown = { phone: '13712345678' };
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(JSON.stringify(redactPersonalData(deep))).not.toContain('137');
    expect(redactHeader('张三丰 13912345678')).not.toMatch(/张三丰|13912345678/);
    expect(redactHeader({ id: 'rx-81' })).toBe('{"id":"rx-81"}');
  });
});
