/** GET /v1/me/data answers from the data-class table: every personal class, nothing else (docs/retention.md). */
import { dataClasses } from '../../../lambdas/domain/retention/data-classes';
import { handler } from '../../../lambdas/http/me/get-my-data';
import { httpEvent, lambdaContext } from '../../fixtures/http-events';

interface Answer {
  classes: Array<{ id: string; lifetime: string; enforcedBy: string; deletedBy: string }>;
  rights: Record<string, string>;
}

describe('GET /v1/me/data', () => {
  it('lists each class kept about a person with its lifetime and mechanism, as the table declares them', async () => {
    const result = (await handler(httpEvent(), lambdaContext())) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    const answer = JSON.parse(result.body) as Answer;
    const personal = dataClasses.filter((dataClass) => dataClass.personal);
    expect(answer.classes.map((dataClass) => dataClass.id)).toEqual(personal.map((dataClass) => dataClass.id));
    for (const dataClass of personal) {
      expect(answer.classes.find((shown) => shown.id === dataClass.id)).toMatchObject({
        lifetime: dataClass.lifetime,
        enforcedBy: dataClass.enforcement.kind,
        deletedBy: dataClass.deletedBy,
      });
    }
    // Records without a person in them (retained billing, access logs) are not "data about them".
    expect(answer.classes.map((dataClass) => dataClass.id)).not.toContain('s3AccessLogs');
    expect(answer.classes.map((dataClass) => dataClass.id)).toEqual(expect.arrayContaining(['account', 'exports']));
    expect(answer.rights.export).toBe('POST /v1/me/exports');
  });

  it('refuses a request without a verified caller', async () => {
    const result = (await handler(httpEvent({ claims: {} }), lambdaContext())) as { statusCode: number };
    expect(result.statusCode).toBe(401);
  });
});
