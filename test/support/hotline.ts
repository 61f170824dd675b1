import request from 'supertest';
import type { TestApp } from './app';

/**
 * The 12345 steps the report suites drive over HTTP, each expecting its success status: an order dispatched by the
 * operator, signed and replied by the unit, visited by the operator — in each suite's own `words`. `app` is read at call time: suites start their app in beforeAll.
 */
export function hotlineSteps(app: () => TestApp, words: { category: string; content: string; reply: string; caller?: object }) {
  const { reply: replyText, ...base } = words;
  const post = (path: string, token: string, body: object = {}) => request(app().http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(app().http).get(path).set('Authorization', `Bearer ${token}`);
  const operator = () => app().token(['hotline_operator'], 'U-RX');
  const unit = (id: string) => app().token(['unit_handler'], id);
  return {
    post,
    get,
    unit,
    order: (orderNo: string, unitId: string, extra: object = {}) =>
      post('/api/hotline/orders', operator(), { orderNo, channel: 'phone', urgency: 'normal', ...base, unitId, ...extra }).expect(201),
    sign: (orderNo: string, unitId: string) => post(`/api/hotline/orders/${orderNo}/sign`, unit(unitId)).expect(200),
    reply: (orderNo: string, unitId: string) => post(`/api/hotline/orders/${orderNo}/reply`, unit(unitId), { outcome: 'resolved', reply: replyText }).expect(200),
    visit: (orderNo: string, satisfaction: string, resolved: boolean) => post(`/api/hotline/orders/${orderNo}/visit`, operator(), { satisfaction, resolved }).expect(200),
    /** Replied as resolved and visited satisfied: the visit's answer. */
    close: async (orderNo: string, unitId: string) => {
      await post(`/api/hotline/orders/${orderNo}/reply`, unit(unitId), { outcome: 'resolved', reply: replyText }).expect(200);
      return post(`/api/hotline/orders/${orderNo}/visit`, operator(), { satisfaction: 'satisfied', resolved: true }).expect(200);
    },
  };
}
