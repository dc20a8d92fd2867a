/** One page of a paged read, newest or oldest first as the read says; the cursor is opaque to callers. */
export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}
