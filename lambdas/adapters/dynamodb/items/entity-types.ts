/* The `entityType` of each kind of item, as stored; constants, so a bundle carries only the ones its mappers write. */
export const profileType = 'PROFILE';
export const consentEventType = 'CONSENT_EVENT';
export const ledgerEntryType = 'LEDGER_ENTRY';
export const conversationType = 'CONVERSATION';
export const generationType = 'GENERATION';
export const imageType = 'IMAGE';
export const uploadType = 'UPLOAD';
export const idempotencyMarkerType = 'IDEMPOTENCY_KEY';
export const retainedAccountType = 'RETAINED_ACCOUNT';
export const retainedCreditType = 'RETAINED_CREDIT';
export const deletionReceiptType = 'DELETION_RECEIPT';
export const imageActionType = 'IMAGE_ACTION';
export const actionCounterType = 'ACTION_COUNTER';
export const storeEventReceiptType = 'STORE_EVENT_RECEIPT';
export const storeGrantType = 'STORE_GRANT';
export const reconcileCursorType = 'RECONCILE_CURSOR';

/** Every `entityType`, for reads that tell kinds apart. */
export const entityTypes = {
  profile: profileType,
  consentEvent: consentEventType,
  ledgerEntry: ledgerEntryType,
  conversation: conversationType,
  generation: generationType,
  image: imageType,
  upload: uploadType,
  idempotencyMarker: idempotencyMarkerType,
  retainedAccount: retainedAccountType,
  retainedCredit: retainedCreditType,
  deletionReceipt: deletionReceiptType,
  imageAction: imageActionType,
  actionCounter: actionCounterType,
  storeEventReceipt: storeEventReceiptType,
  storeGrant: storeGrantType,
  reconcileCursor: reconcileCursorType,
} as const;
