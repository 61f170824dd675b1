import { maskIdNumber, maskName, maskPhone } from './mask';

describe('masked forms of SPEC §8', () => {
  it('masks names as 张* and 张*明', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks an 18-digit id number as 1101**********1234', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
  });
});
