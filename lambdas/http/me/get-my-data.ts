/** GET /v1/me/data: the classes of data kept about a person and their lifetimes (docs/retention.md). */
import { myData } from '../../domain/retention/my-data';
import { userRoute } from '../../shared/http/route';

export const handler = userRoute({}, async () => ({ body: myData }));
