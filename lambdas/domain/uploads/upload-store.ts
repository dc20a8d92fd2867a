/** What the upload use cases need from storage; each method is one request. */
import type { AccountRefusal } from '../profile/profile-store';
import type { Upload } from './upload';

export interface UploadStore {
  /** Puts a PENDING upload if the account is active. */
  create(upload: Upload): Promise<{ outcome: 'created' } | AccountRefusal>;
  /** Undefined when absent or expired. */
  get(userId: string, uploadId: string, nowEpochSeconds: number): Promise<Upload | undefined>;
  /** PENDING → READY or REJECTED; false when it was no longer PENDING. */
  settle(upload: Upload, result: Pick<Upload, 'status' | 'width' | 'height' | 'rejection'>, now: string): Promise<boolean>;
}
