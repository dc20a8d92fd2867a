/** Placeholder until the real handler lands. */
export const handler = async (): Promise<never> => {
  throw new Error('not implemented');
};
