/**
 * GET /v1/me/data (issue 14, "Access and correction"): which classes of data Pictor may hold about
 * a person, why, for how long and what removes them, answered from the data-class table itself,
 * so the answer cannot drift from what the writers and the lifecycle rules enforce. The contents
 * are in the person's export (POST /v1/me/exports); corrections go through the routes that own
 * each class (PATCH /v1/me, renames, deletes) or a support request.
 */
import { dataClasses, type Enforcement } from './data-classes';

export interface DataClassView {
  id: string;
  what: string;
  why: string;
  lifetime: string;
  /** How the lifetime is enforced: a TTL, a storage lifecycle rule, a deletion path, log retention. */
  enforcedBy: Enforcement['kind'];
  /** What removes it earlier, or at all. */
  deletedBy: string;
}

export interface MyDataView {
  classes: DataClassView[];
  /** Where the person gets each of their rights from here. */
  rights: { access: string; export: string; correction: string; deletion: string; questions: string };
}

/** The same for everyone (the table is the stage's, not the person's): computed once. */
export const myData: MyDataView = {
  classes: dataClasses
    .filter((dataClass) => dataClass.personal)
    .map(({ id, what, why, lifetime, enforcement, deletedBy }) => ({
      id,
      what,
      why,
      lifetime,
      enforcedBy: enforcement.kind,
      deletedBy,
    })),
  rights: {
    access: 'GET /v1/me, GET /v1/credits, GET /v1/conversations, GET /v1/images',
    export: 'POST /v1/me/exports',
    correction: 'PATCH /v1/me (profile and settings); other records through their own routes',
    deletion: 'DELETE /v1/me (everything), DELETE /v1/conversations/{id}, DELETE /v1/images/{id}',
    questions: 'POST /v1/support-requests with category privacy',
  },
};
