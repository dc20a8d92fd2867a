/** What the upload use cases need from storage; each method is one request. */
import type { OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/profile-store';
import type { Upload } from './upload';

/** What showing an upload needs (GET /v1/uploads/{id}). */
export interface UploadReadStore {
  /** The upload (none when absent or expired) with its owner's account status, read together (SECURITY B4). */
  get(userId: string, uploadId: string, nowEpochSeconds: number): Promise<OwnedRead<Upload>>;
}

/** What creating an upload needs (POST /v1/uploads). */
export interface UploadCreationStore {
  /** Puts a PENDING upload if the account is active. */
  create(upload: Upload): Promise<{ outcome: 'created' } | AccountRefusal>;
}

/** What completing an upload needs: read it, then settle it. */
export interface UploadStore extends UploadReadStore {
  /** PENDING → READY or REJECTED if the account is active; `not_pending` when another completion settled it first. */
  settle(
    upload: Upload,
    result: Pick<Upload, 'status' | 'width' | 'height' | 'rejection'>,
    now: string,
  ): Promise<{ outcome: 'settled' } | { outcome: 'not_pending' } | AccountRefusal>;
}
