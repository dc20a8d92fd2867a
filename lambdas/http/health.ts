/** GET /health (public): liveness only; touches no data and says nothing about the stage. */
import { publicRoute } from '../shared/http/route';

export const handler = publicRoute(async () => ({ body: { status: 'ok' } }));
